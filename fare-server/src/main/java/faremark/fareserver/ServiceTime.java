package faremark.fareserver;

import faremark.contract.DurationText;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long the server "works" on a request before it answers, without holding a thread (the
 * answer is scheduled). A closed set: one record per distribution, each with its parameters in
 * {@link Duration}s.
 */
public sealed interface ServiceTime {

  /** The forms {@link #parse} reads, for error messages and help. */
  String EXPECTED =
      "a duration (290ms), uniform:MIN..MAX (uniform:200ms..400ms), normal:MEAN,STDDEV"
          + " (normal:290ms,30ms) or exponential:MEAN (exponential:290ms)";

  /**
   * Reads the text form used by flags and scenario files: {@code 290ms} or {@code fixed:290ms},
   * {@code uniform:200ms..400ms}, {@code normal:290ms,30ms}, {@code exponential:290ms}.
   *
   * @throws IllegalArgumentException saying what was expected
   */
  static ServiceTime parse(String text) {
    String t = text == null ? "" : text.strip();
    int colon = t.indexOf(':');
    String kind = colon < 0 ? "fixed" : t.substring(0, colon);
    String args = colon < 0 ? t : t.substring(colon + 1);
    try {
      return switch (kind) {
        case "fixed" -> new Fixed(DurationText.parse(args));
        case "uniform" -> {
          String[] range = args.split("\\.\\.", -1);
          if (range.length != 2) {
            throw new IllegalArgumentException("uniform needs MIN..MAX");
          }
          yield new Uniform(DurationText.parse(range[0]), DurationText.parse(range[1]));
        }
        case "normal" -> {
          String[] pair = args.split(",", -1);
          if (pair.length != 2) {
            throw new IllegalArgumentException("normal needs MEAN,STDDEV");
          }
          yield new Normal(DurationText.parse(pair[0]), DurationText.parse(pair[1]));
        }
        case "exponential" -> new Exponential(DurationText.parse(args));
        default -> throw new IllegalArgumentException("unknown distribution '" + kind + "'");
      };
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "expected " + EXPECTED + ", got '" + text + "' (" + e.getMessage() + ")", e);
    }
  }

  /** One draw; never negative. */
  Duration sample(RandomGenerator random);

  /** The distribution's mean, for estimates and reports. */
  Duration mean();

  /** The form {@link #parse} reads back: {@code 290ms}, {@code uniform:200ms..400ms}, ... */
  default String text() {
    return switch (this) {
      case Fixed f -> faremark.contract.DurationText.format(f.value());
      case Uniform u -> "uniform:" + faremark.contract.DurationText.format(u.min()) + ".."
          + faremark.contract.DurationText.format(u.max());
      case Normal n -> "normal:" + faremark.contract.DurationText.format(n.mean()) + ","
          + faremark.contract.DurationText.format(n.stddev());
      case Exponential e -> "exponential:" + faremark.contract.DurationText.format(e.mean());
    };
  }

  /** For people: {@code 290ms fixed}, {@code uniform 200ms–400ms}, ... */
  default String describe() {
    return switch (this) {
      case Fixed f -> faremark.contract.DurationText.format(f.value()) + " fixed";
      case Uniform u -> "uniform " + faremark.contract.DurationText.format(u.min()) + "–"
          + faremark.contract.DurationText.format(u.max());
      case Normal n -> "normal mean " + faremark.contract.DurationText.format(n.mean()) + " sd "
          + faremark.contract.DurationText.format(n.stddev());
      case Exponential e -> "exponential mean " + faremark.contract.DurationText.format(e.mean());
    };
  }

  /** Every request takes exactly this long. */
  record Fixed(Duration value) implements ServiceTime {
    public Fixed {
      requireNonNegative("value", value);
    }

    @Override
    public Duration sample(RandomGenerator random) {
      return value;
    }

    @Override
    public Duration mean() {
      return value;
    }
  }

  /** Uniform between min and max. */
  record Uniform(Duration min, Duration max) implements ServiceTime {
    public Uniform {
      requireNonNegative("min", min);
      requireNonNegative("max", max);
      if (max.compareTo(min) < 0) {
        throw new IllegalArgumentException("max must be >= min");
      }
    }

    @Override
    public Duration sample(RandomGenerator random) {
      long span = max.toNanos() - min.toNanos();
      return min.plusNanos(span == 0 ? 0 : random.nextLong(span + 1));
    }

    @Override
    public Duration mean() {
      return min.plus(max).dividedBy(2);
    }
  }

  /** Normal with the given mean and standard deviation, truncated at zero. */
  record Normal(Duration mean, Duration stddev) implements ServiceTime {
    public Normal {
      requireNonNegative("mean", mean);
      requireNonNegative("stddev", stddev);
    }

    @Override
    public Duration sample(RandomGenerator random) {
      double nanos = mean.toNanos() + random.nextGaussian() * stddev.toNanos();
      return Duration.ofNanos(Math.max(0, Math.round(nanos)));
    }
  }

  /** Exponential with the given mean: many fast answers, a long tail. */
  record Exponential(Duration mean) implements ServiceTime {
    public Exponential {
      requireNonNegative("mean", mean);
    }

    @Override
    public Duration sample(RandomGenerator random) {
      return Duration.ofNanos(Math.round(random.nextExponential() * mean.toNanos()));
    }
  }

  private static void requireNonNegative(String name, Duration d) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be a non-negative duration, got " + d);
    }
  }
}
