package faremark.fareserver;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live counters behind {@link ServerStats}, shared by every event loop. Plain atomics: exact,
 * and cheap enough at tens of thousands of requests per second. The limiters call the gauge
 * methods while holding their own lock, in the order that keeps each observed maximum within its
 * cap (a slot's gauge goes down before the slot is handed on).
 */
final class StatsRecorder {
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong served = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong idleClosed = new AtomicLong();
  private final AtomicLong badRequests = new AtomicLong();
  private final AtomicLong connectionsAccepted = new AtomicLong();

  private final AtomicInteger openConnections = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicInteger maxConnections = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final AtomicInteger maxQueued = new AtomicInteger();

  void request() {
    requests.incrementAndGet();
  }

  void served() {
    served.incrementAndGet();
  }

  void rejected() {
    rejected.incrementAndGet();
  }

  void refused() {
    refused.incrementAndGet();
  }

  void idleClosed() {
    idleClosed.incrementAndGet();
  }

  void badRequest() {
    badRequests.incrementAndGet();
  }

  void connectionAccepted() {
    connectionsAccepted.incrementAndGet();
  }

  void connectionOpened() {
    observe(maxConnections, openConnections.incrementAndGet());
  }

  void connectionClosed() {
    openConnections.decrementAndGet();
  }

  void serviceStarted() {
    observe(maxInFlight, inFlight.incrementAndGet());
  }

  /** {@code /fares} requests in service now (the in-flight gauge). */
  int inFlightNow() {
    return inFlight.get();
  }

  void serviceEnded() {
    inFlight.decrementAndGet();
  }

  void enqueued() {
    observe(maxQueued, queued.incrementAndGet());
  }

  void dequeued() {
    queued.decrementAndGet();
  }

  ServerStats snapshot() {
    return new ServerStats(
        requests.get(), served.get(), rejected.get(), refused.get(), idleClosed.get(),
        badRequests.get(),
        connectionsAccepted.get(), maxConnections.get(), maxInFlight.get(), maxQueued.get(),
        openConnections.get(), inFlight.get(), queued.get());
  }

  /**
   * Zeroes the counters. Maxima restart from the current gauge, not from zero: what is open now
   * is still "observed" after the reset.
   */
  void reset() {
    requests.set(0);
    served.set(0);
    rejected.set(0);
    refused.set(0);
    idleClosed.set(0);
    badRequests.set(0);
    connectionsAccepted.set(0);
    maxConnections.set(openConnections.get());
    maxInFlight.set(inFlight.get());
    maxQueued.set(queued.get());
  }

  private static void observe(AtomicInteger max, int value) {
    max.accumulateAndGet(value, Math::max);
  }
}
