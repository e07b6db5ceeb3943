package faremark.shaper.bench;

import faremark.shaper.Transport;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** How late an event loop's scheduled tasks run (microseconds): the floor under any latency toxic's accuracy. */
final class TimerPrecision {
  private TimerPrecision() {}

  static Histogram lateness(Transport transport, int samples) throws InterruptedException {
    EventLoopGroup group = transport.newGroup(1, "bench-timer-" + transport.name());
    Histogram lateness = new Histogram(3);
    try {
      for (int i = 0; i < samples; i++) {
        long delayNanos = TimeUnit.MICROSECONDS.toNanos(ThreadLocalRandom.current().nextLong(1000, 20_000));
        CountDownLatch fired = new CountDownLatch(1);
        long[] late = new long[1];
        long due = System.nanoTime() + delayNanos;
        group.next().schedule(
            () -> {
              late[0] = System.nanoTime() - due;
              fired.countDown();
            },
            delayNanos,
            TimeUnit.NANOSECONDS);
        fired.await();
        lateness.recordValue(Math.max(0, late[0] / 1000));
      }
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
    return lateness;
  }
}
