package faremark.orchestrator.sampling;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The one time axis of a run: nanoseconds since the run started, on a monotonic clock. Memory
 * samples and the workload's stdout events are both stamped with it, so a sample can be placed
 * before or after {@code ready}/{@code done} without comparing two clocks.
 */
public final class RunClock {
  private final LongSupplier nanosSinceStart;

  private RunClock(LongSupplier nanosSinceStart) {
    this.nanosSinceStart = nanosSinceStart;
  }

  /** Starts now, on {@link System#nanoTime()} (monotonic; wall-clock jumps do not affect it). */
  public static RunClock startNow() {
    long start = System.nanoTime();
    return new RunClock(() -> System.nanoTime() - start);
  }

  /** A clock driven by the caller, e.g. a fake in tests. */
  public static RunClock of(LongSupplier nanosSinceStart) {
    return new RunClock(nanosSinceStart);
  }

  public long nanos() {
    return nanosSinceStart.getAsLong();
  }

  public Duration elapsed() {
    return Duration.ofNanos(nanos());
  }
}
