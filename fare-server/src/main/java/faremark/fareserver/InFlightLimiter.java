package faremark.fareserver;

import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;

/**
 * The in-flight cap: at most {@code maxInFlight} {@code /fares} requests are inside their service
 * time at once. Shared by all event loops; slots, the FIFO of waiting requests and the stats
 * gauges change together under one lock. A freed slot goes straight to the oldest waiter, whose
 * continuation runs on its own channel's event loop (never on the releasing thread).
 *
 * <p>Uncapped, no lock is taken: only the gauge is kept, for {@code maxInFlightObserved}.
 */
final class InFlightLimiter {

  /** The answer to {@link #acquire}. */
  enum Outcome {
    /** A slot is held now: start the service time. */
    GRANTED,
    /** Waiting; the continuation runs with the slot held once one frees. */
    QUEUED,
    /** Over the cap, policy reject: answer 503. */
    REJECTED,
    /** Over the cap, policy refuse: close the connection. */
    REFUSED
  }

  private record Waiter(Channel channel, Runnable continuation) {}

  private final int cap;
  private final OverflowPolicy overflow;
  private final StatsRecorder stats;

  private final Object lock = new Object();
  private int inFlight; // guarded by lock
  private final ArrayDeque<Waiter> waiting = new ArrayDeque<>(); // guarded by lock

  InFlightLimiter(Limits limits, StatsRecorder stats) {
    this.cap = limits.inFlightCapped() ? limits.maxInFlight() : 0;
    this.overflow = limits.overflow();
    this.stats = stats;
  }

  /**
   * Asks for a slot for a request on {@code channel}. If the answer is {@link Outcome#QUEUED},
   * {@code continuation} later runs on the channel's event loop holding a slot, which it must
   * {@link #release}.
   */
  Outcome acquire(Channel channel, Runnable continuation) {
    if (cap == 0) {
      stats.serviceStarted();
      return Outcome.GRANTED;
    }
    synchronized (lock) {
      if (inFlight < cap) {
        inFlight++;
        stats.serviceStarted();
        return Outcome.GRANTED;
      }
      return switch (overflow) {
        case QUEUE -> {
          waiting.addLast(new Waiter(channel, continuation));
          stats.enqueued();
          yield Outcome.QUEUED;
        }
        case REJECT -> Outcome.REJECTED;
        case REFUSE -> Outcome.REFUSED;
      };
    }
  }

  /** Gives a slot back; the oldest waiter, if any, gets it. */
  void release() {
    if (cap == 0) {
      stats.serviceEnded();
      return;
    }
    Waiter next;
    synchronized (lock) {
      // The gauge goes down before the slot is handed on, so the observed max stays <= cap.
      stats.serviceEnded();
      inFlight--;
      next = waiting.pollFirst();
      if (next != null) {
        stats.dequeued();
        inFlight++;
        stats.serviceStarted();
      }
    }
    if (next != null) {
      try {
        next.channel().eventLoop().execute(next.continuation());
      } catch (RejectedExecutionException shuttingDown) {
        release(); // the server is closing; nobody will answer that request
      }
    }
  }
}
