package faremark.fareserver;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Proves a concurrency: once armed with a target N, the {@code /fares} requests that start their
 * service are held (no service time runs, nothing is answered) until N are held at once; then all
 * are released together, each then taking its service time as usual, and later requests are not
 * held. A run that never gets N at once (its model cannot, a request was lost) would hang, so the
 * barrier gives up {@code timeout} after its first held request and releases what it holds,
 * recording that the target was not reached. The server's own in-flight gauge at the release is
 * recorded: the number of requests that really were in service at once.
 *
 * <p>Shared by every event loop under one lock; continuations run on their own channel's loop.
 */
final class Barrier {
  private record Held(EventExecutor executor, Runnable continuation) {}

  private final StatsRecorder stats;
  private final Object lock = new Object();
  // all guarded by lock
  private int target;
  private Duration timeout = Duration.ZERO;
  private long generation;
  private final List<Held> held = new ArrayList<>();
  private int heldCount;
  private boolean released;
  private Integer atRelease;
  private boolean reached;
  private String reason;
  private ScheduledFuture<?> timer;

  Barrier(StatsRecorder stats) {
    this.stats = stats;
  }

  /**
   * Arms the barrier for the next run ({@code target} 0: off). Anything still held from an earlier
   * arming is released first, so no request is ever stranded.
   */
  void arm(int target, Duration timeout) {
    if (target < 0 || timeout.isNegative() || (target > 0 && timeout.isZero())) {
      throw new IllegalArgumentException("expected a target >= 0 and a positive timeout; got "
          + target + ", " + timeout);
    }
    List<Held> stranded;
    synchronized (lock) {
      stranded = List.copyOf(held);
      held.clear();
      if (timer != null) {
        timer.cancel(false);
        timer = null;
      }
      generation++;
      this.target = target;
      this.timeout = timeout;
      heldCount = 0;
      released = false;
      atRelease = null;
      reached = false;
      reason = null;
    }
    run(stranded);
  }

  /**
   * Holds a request that has just started its service, if the barrier is armed and not yet
   * released; {@code continuation} then runs on {@code executor} at the release.
   *
   * @return false when not held: the caller goes on at once
   */
  boolean hold(EventExecutor executor, Runnable continuation) {
    List<Held> go;
    synchronized (lock) {
      if (target == 0 || released) {
        return false;
      }
      held.add(new Held(executor, continuation));
      heldCount++;
      if (heldCount == 1) {
        long armedAs = generation;
        timer = executor.schedule(() -> timedOut(armedAs), timeout.toNanos(), TimeUnit.NANOSECONDS);
      }
      if (heldCount < target) {
        return true;
      }
      if (timer != null) {
        timer.cancel(false);
        timer = null;
      }
      go = release(true, null);
    }
    run(go);
    return true;
  }

  BarrierState state() {
    synchronized (lock) {
      return new BarrierState(target, timeout.toMillis(), heldCount, released, atRelease, reached,
          reason);
    }
  }

  private void timedOut(long armedAs) {
    List<Held> go;
    synchronized (lock) {
      if (armedAs != generation || released) {
        return;
      }
      go = release(false, "the barrier timed out after " + timeout.toMillis() + " ms with "
          + heldCount + " of " + target + " requests held (" + stats.inFlightNow()
          + " in service)");
    }
    run(go);
  }

  /** Called holding the lock: records the release and hands back what to run. */
  private List<Held> release(boolean gotThere, String why) {
    released = true;
    reached = gotThere;
    reason = why;
    atRelease = stats.inFlightNow();
    List<Held> go = List.copyOf(held);
    held.clear();
    return go;
  }

  private static void run(List<Held> go) {
    for (Held h : go) {
      try {
        h.executor().execute(h.continuation());
      } catch (RejectedExecutionException shuttingDown) {
        // the server is closing: nobody will be answered anyway
      }
    }
  }
}
