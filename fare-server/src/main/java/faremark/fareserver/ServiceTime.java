package faremark.fareserver;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long the server "works" on a request before it answers, without holding a thread (the
 * answer is scheduled). A closed set: one record per distribution, each with its parameters in
 * {@link Duration}s.
 */
public sealed interface ServiceTime {

  /** One draw; never negative. */
  Duration sample(RandomGenerator random);

  /** The distribution's mean, for estimates and reports. */
  Duration mean();

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
