package faremark.contract;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in scenario files and flags: {@code 250us}, {@code 290ms},
 * {@code 1.5s}, {@code 2m}, {@code 1h}. A bare number is refused: a unit is always required.
 */
public final class DurationText {
  private static final Pattern TEXT =
      Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m|min|h)\\s*");
  public static final String EXPECTED = "a duration with a unit, e.g. 250us, 290ms, 1.5s, 2m, 1h";

  private DurationText() {}

  /**
   * @throws IllegalArgumentException saying what was expected
   */
  public static Duration parse(String text) {
    Matcher m = TEXT.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException("expected " + EXPECTED + ", got '" + text + "'");
    }
    BigDecimal number = new BigDecimal(m.group(1));
    long nanosPerUnit =
        switch (m.group(2)) {
          case "ns" -> 1L;
          case "us", "µs" -> 1_000L;
          case "ms" -> 1_000_000L;
          case "s" -> 1_000_000_000L;
          case "m", "min" -> 60_000_000_000L;
          case "h" -> 3_600_000_000_000L;
          default -> throw new IllegalStateException(m.group(2));
        };
    return Duration.ofNanos(number.multiply(BigDecimal.valueOf(nanosPerUnit)).longValue());
  }

  /** Compact form that {@link #parse} reads back: {@code 290ms}, {@code 1.5s}, {@code 250us}. */
  public static String format(Duration d) {
    long nanos = d.toNanos();
    if (nanos == 0) {
      return "0ms";
    }
    if (nanos % 3_600_000_000_000L == 0) {
      return nanos / 3_600_000_000_000L + "h";
    }
    if (nanos % 60_000_000_000L == 0) {
      return nanos / 60_000_000_000L + "m";
    }
    if (nanos % 1_000_000_000L == 0) {
      return nanos / 1_000_000_000L + "s";
    }
    if (nanos % 1_000_000L == 0) {
      return nanos / 1_000_000L + "ms";
    }
    if (nanos % 1_000L == 0) {
      return nanos / 1_000L + "us";
    }
    return nanos + "ns";
  }
}
