package faremark.workload.model;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * A semaphore that never blocks: {@link #acquire} runs its continuation at once when a permit is
 * free, otherwise when one is released — on the releasing thread, which in the async model is
 * the event loop. The async model's stand-in for the blocking models' connection semaphore.
 */
final class AsyncPermits {
  private final Queue<Runnable> waiting = new ArrayDeque<>();
  private int available;

  AsyncPermits(int permits) {
    this.available = permits;
  }

  void acquire(Runnable whenGranted) {
    synchronized (this) {
      if (available == 0) {
        waiting.add(whenGranted);
        return;
      }
      available--;
    }
    whenGranted.run(); // outside the lock: it may send a request and even complete it
  }

  void release() {
    Runnable next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        available++;
        return;
      }
    }
    next.run(); // the permit passes straight to the next waiter
  }
}
