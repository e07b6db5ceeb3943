package faremark.workload.http;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The whole-request deadline for the blocking models. The client's own timeout ends when the
 * response headers arrive, so a body that stalls would block {@code send} forever; at the
 * deadline the waiting thread is interrupted, which makes {@code send} cancel the exchange.
 *
 * <p>Why not {@code sendAsync(...).get(timeout)}: the JDK client completes the future that
 * {@code sendAsync} returns on the common fork-join pool (and on JDK 21 with one or two CPUs,
 * on a new thread per request), which would add threads to every model. One timer thread per
 * JVM, started before {@code ready}, is the whole cost of this guard.
 */
final class RequestDeadlines implements AutoCloseable {
  private final ScheduledThreadPoolExecutor timer =
      new ScheduledThreadPoolExecutor(1, DaemonThreads.named("request-deadlines-"));

  RequestDeadlines() {
    timer.setRemoveOnCancelPolicy(true); // most deadlines are cancelled: don't keep them queued
  }

  void start() {
    timer.prestartCoreThread();
  }

  /** Guards the calling thread for {@code timeout}; call {@link Guard#end()} when done. */
  Guard guard(Duration timeout) {
    Guard guard = new Guard(Thread.currentThread());
    guard.task = timer.schedule(guard::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
    return guard;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  /** One guarded request. The lock makes "expired" and "interrupted" one atomic fact. */
  static final class Guard {
    private final Thread thread;
    private ScheduledFuture<?> task;
    private boolean running = true;
    private boolean expired;
    private boolean cleared;

    private Guard(Thread thread) {
      this.thread = thread;
    }

    private synchronized void expire() {
      if (running) {
        expired = true;
        thread.interrupt();
      }
    }

    /**
     * Ends the guard (idempotent); returns whether the deadline fired, in which case the
     * interrupt it caused is consumed here so it cannot leak into the thread's next request.
     */
    synchronized boolean end() {
      running = false;
      task.cancel(false);
      if (expired && !cleared) {
        cleared = true;
        Thread.interrupted();
      }
      return expired;
    }
  }
}
