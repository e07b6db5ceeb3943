package faremark.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size in bytes, written with a unit: {@code 512B}, {@code 8KiB}, {@code 16KB}, {@code 1.5MiB},
 * {@code 2GiB}. KiB/MiB/GiB are powers of 1024; KB/MB/GB are powers of 1000 (SI), so nobody has
 * to guess which one "k" meant.
 */
public record DataSize(long bytes) implements Comparable<DataSize> {
  private static final Pattern TEXT =
      Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(B|KB|KiB|MB|MiB|GB|GiB)\\s*");
  public static final String EXPECTED =
      "a size with a unit, e.g. 512B, 8KiB, 16KB, 1.5MiB, 2GiB (KiB = 1024 B, KB = 1000 B)";

  public DataSize {
    if (bytes < 0) {
      throw new IllegalArgumentException("size must not be negative: " + bytes);
    }
  }

  public static DataSize ofBytes(long bytes) {
    return new DataSize(bytes);
  }

  public static DataSize ofKiB(long kib) {
    return new DataSize(kib * 1024);
  }

  public static DataSize ofMiB(long mib) {
    return new DataSize(mib * 1024 * 1024);
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException saying what was expected
   */
  @JsonCreator
  public static DataSize parse(String text) {
    Matcher m = TEXT.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException("expected " + EXPECTED + ", got '" + text + "'");
    }
    double number = Double.parseDouble(m.group(1));
    long unit =
        switch (m.group(2)) {
          case "B" -> 1L;
          case "KB" -> 1_000L;
          case "KiB" -> 1L << 10;
          case "MB" -> 1_000_000L;
          case "MiB" -> 1L << 20;
          case "GB" -> 1_000_000_000L;
          case "GiB" -> 1L << 30;
          default -> throw new IllegalStateException(m.group(2));
        };
    return new DataSize(Math.round(number * unit));
  }

  /** Shortest exact binary form: {@code 8KiB}, {@code 1536B}, {@code 64MiB}. */
  @JsonValue
  @Override
  public String toString() {
    if (bytes != 0 && bytes % (1L << 30) == 0) {
      return bytes / (1L << 30) + "GiB";
    }
    if (bytes != 0 && bytes % (1L << 20) == 0) {
      return bytes / (1L << 20) + "MiB";
    }
    if (bytes != 0 && bytes % (1L << 10) == 0) {
      return bytes / (1L << 10) + "KiB";
    }
    return bytes + "B";
  }

  /** For people: {@code 12.3 MiB}. */
  public String human() {
    double b = bytes;
    if (b >= 1L << 30) {
      return String.format(Locale.ROOT, "%.2f GiB", b / (1L << 30));
    }
    if (b >= 1L << 20) {
      return String.format(Locale.ROOT, "%.1f MiB", b / (1L << 20));
    }
    if (b >= 1L << 10) {
      return String.format(Locale.ROOT, "%.1f KiB", b / (1L << 10));
    }
    return bytes + " B";
  }

  @Override
  public int compareTo(DataSize o) {
    return Long.compare(bytes, o.bytes);
  }
}
