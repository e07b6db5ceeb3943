package faremark.workload.http;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Platform threads named {@code <prefix>1, <prefix>2, …}, daemons so that a model's helper threads
 * never keep a finished workload JVM alive. Shared by the thread-pool model's pool and the
 * request deadline timer; names make thread dumps and {@code peakThreads} readable.
 */
public final class DaemonThreads {
  private DaemonThreads() {}

  public static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
