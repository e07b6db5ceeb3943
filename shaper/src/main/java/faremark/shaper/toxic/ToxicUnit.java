package faremark.shaper.toxic;

import faremark.contract.DataSize;
import faremark.contract.DurationText;
import java.time.Duration;

/**
 * The unit Toxiproxy gives an attribute (a {@link ToxicType} declares one per attribute). A
 * scenario may write the attribute as a bare number, in this unit, or as text with a unit of its
 * own ({@code 100ms}, {@code 16KiB}, {@code 1MB/s}), which is converted here; a value that is no
 * whole number of Toxiproxy's unit is refused rather than rounded, so what the file says is
 * exactly what the proxy gets.
 */
public enum ToxicUnit {
  /** Whole milliseconds (latency, jitter, timeout, slow_close delay, reset_peer timeout). */
  MILLISECONDS("ms", "a duration such as 100ms, or a whole number of milliseconds"),
  /** Whole microseconds (slicer delay). */
  MICROSECONDS("us", "a duration such as 500us, or a whole number of microseconds"),
  /** Bytes (slicer sizes, limit_data). */
  BYTES("B", "a size such as 16KiB, or a whole number of bytes"),
  /**
   * Toxiproxy's bandwidth rate: KB/s where, as its bandwidth toxic computes {@code len(data) *
   * time.Millisecond / rate}, one KB is 1000 bytes (rate × 1000 bytes per second).
   */
  KB_PER_SECOND("KB/s", "a rate such as 1MB/s or 500KB/s, or a whole number of KB/s (1 KB = 1000 B)");

  private final String suffix;
  private final String expected;

  ToxicUnit(String suffix, String expected) {
    this.suffix = suffix;
    this.expected = expected;
  }

  /** What a value of this unit looks like, for error messages. */
  public String expected() {
    return expected;
  }

  /** How Toxiproxy's number reads to people: {@code 100ms}, {@code 1000KB/s}. */
  public String format(long value) {
    return value + suffix;
  }

  /**
   * Converts text with a unit into Toxiproxy's number.
   *
   * @throws IllegalArgumentException when the text has no unit of this kind or is not a whole
   *     number of Toxiproxy's unit; the message says which
   */
  public long parse(String text) {
    return switch (this) {
      case MILLISECONDS -> whole(DurationText.parse(text).toNanos(), 1_000_000L, "milliseconds");
      case MICROSECONDS -> whole(DurationText.parse(text).toNanos(), 1_000L, "microseconds");
      case BYTES -> DataSize.parse(text).bytes();
      case KB_PER_SECOND -> whole(perSecond(text).bytes(), 1_000L, "KB/s (1 KB = 1000 B)");
    };
  }

  /** A duration as whole milliseconds, refusing fractions (the shorthands use this too). */
  public static long millis(Duration d) {
    return whole(d.toNanos(), 1_000_000L, "milliseconds");
  }

  /** {@code 1MB/s} → 1 MB; the {@code /s} is required so a size is not mistaken for a rate. */
  public static DataSize perSecond(String text) {
    String t = text == null ? "" : text.strip();
    if (!t.endsWith("/s")) {
      throw new IllegalArgumentException("expected a rate ending in /s, e.g. 1MB/s");
    }
    return DataSize.parse(t.substring(0, t.length() - 2));
  }

  private static long whole(long amount, long unit, String unitName) {
    if (amount % unit != 0) {
      throw new IllegalArgumentException("Toxiproxy takes whole " + unitName + "; this is "
          + new java.math.BigDecimal(amount).divide(java.math.BigDecimal.valueOf(unit))
              .stripTrailingZeros().toPlainString());
    }
    return amount / unit;
  }
}
