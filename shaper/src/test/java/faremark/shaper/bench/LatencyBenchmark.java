package faremark.shaper.bench;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import faremark.shaper.Shaper;
import faremark.shaper.ShaperOptions;
import faremark.shaper.Transport;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The shaper under load: {@code connections} (default 1,000) concurrent ping-pong connections to a
 * loopback echo server, first direct, then through a shaper proxy without toxics, then with a
 * latency toxic. Prints round-trip percentiles, the proxy's overhead, and the latency toxic's error
 * (round trip minus the configured latency), plus the event loop's timer precision. Exits
 * non-zero (an exception out of main) when its target is not met: the added latency's error,
 * median between 0 and 1 ms, p99 at most 5 ms.
 *
 * <pre>
 * JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 mvn -B -q -pl shaper test-compile exec:java \
 *   -Dexec.classpathScope=test -Dexec.mainClass=faremark.shaper.bench.LatencyBenchmark
 * </pre>
 *
 * System properties: {@code bench.connections} (1000), {@code bench.latencyMs} (100),
 * {@code bench.periodMs} (each connection sends one message per period, 200),
 * {@code bench.seconds} (10 per phase), {@code bench.warmup} (3), {@code bench.bytes} (64).
 */
public final class LatencyBenchmark {
  private LatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int connections = Integer.getInteger("bench.connections", 1000);
    int latencyMs = Integer.getInteger("bench.latencyMs", 100);
    int periodMs = Integer.getInteger("bench.periodMs", 200);
    int seconds = Integer.getInteger("bench.seconds", 10);
    int warmup = Integer.getInteger("bench.warmup", 3);
    int bytes = Integer.getInteger("bench.bytes", 64);
    // The target: the added-latency error at the median and at p99. A smoke run of a second or
    // two (CI's documented-commands) has too few round trips for a p99 of 5 ms to mean anything,
    // so it passes a looser bound that still catches a toxic applied twice (+100 ms).
    int maxMedianErrorMs = Integer.getInteger("bench.maxMedianErrorMs", 1);
    int maxP99ErrorMs = Integer.getInteger("bench.maxP99ErrorMs", 5);
    Transport transport = Transport.detect();

    System.out.printf(
        Locale.ROOT,
        "shaper latency benchmark: %d connections, one %d-byte message each per %d ms (%d/s offered),"
            + " %d s per phase after %d s warm-up, %d cores, transport %s, JDK %s%n",
        connections, bytes, periodMs, connections * 1000 / periodMs, seconds, warmup, Runtime.getRuntime().availableProcessors(),
        transport.name(), Runtime.version());

    for (Transport timers : new Transport[] {transport, Transport.nio()}) {
      Histogram late = TimerPrecision.lateness(timers, 500);
      System.out.printf(
          Locale.ROOT, "timer lateness (%s event loop, idle): median %s  p99 %s  max %s%n",
          timers.name(), ms(late.getValueAtPercentile(50)), ms(late.getValueAtPercentile(99)),
          ms(late.getMaxValue()));
    }

    try (EchoServer echo = new EchoServer(transport);
        Shaper shaper = Shaper.start(ShaperOptions.loopbackEphemeral())) {
      ToxiproxyClient client = new ToxiproxyClient("127.0.0.1", shaper.apiAddress().getPort());
      Proxy proxy = client.createProxy("bench", "127.0.0.1:0", "127.0.0.1:" + echo.port());
      int proxyPort = Integer.parseInt(proxy.getListen().substring(proxy.getListen().lastIndexOf(':') + 1));

      Histogram direct = phase(transport, echo.port(), connections, bytes, periodMs, warmup, seconds);
      report("direct to upstream", direct, 0);
      Histogram plain = phase(transport, proxyPort, connections, bytes, periodMs, warmup, seconds);
      report("through shaper, no toxic", plain, 0);
      System.out.printf(
          Locale.ROOT, "  shaper overhead (no toxic - direct): median %s  p99 %s%n",
          ms(plain.getValueAtPercentile(50) - direct.getValueAtPercentile(50)),
          ms(plain.getValueAtPercentile(99) - direct.getValueAtPercentile(99)));

      proxy.toxics().latency("latency", ToxicDirection.DOWNSTREAM, latencyMs);
      Histogram delayed = phase(transport, proxyPort, connections, bytes, periodMs, warmup, seconds);
      report("through shaper, latency " + latencyMs + " ms downstream", delayed, latencyMs);
      long errorMedian = delayed.getValueAtPercentile(50) - latencyMs * 1000L;
      long errorP99 = delayed.getValueAtPercentile(99) - latencyMs * 1000L;
      System.out.printf(
          Locale.ROOT,
          "  added-latency error (round trip - %d ms): median %s  p99 %s  max %s%n",
          latencyMs, ms(errorMedian), ms(errorP99),
          ms(delayed.getMaxValue() - latencyMs * 1000L));
      boolean met = errorMedian >= 0 && errorMedian <= maxMedianErrorMs * 1000L
          && errorP99 <= maxP99ErrorMs * 1000L;
      String target = String.format(Locale.ROOT, "target 0 <= median <= %d ms, p99 <= %d ms",
          maxMedianErrorMs, maxP99ErrorMs);
      System.out.printf(Locale.ROOT, "  %s: %s%n", target, met ? "MET" : "NOT MET");
      if (!met) {
        // A benchmark whose target is missed must say so to a script or CI too: exit status 1
        // (an exception out of main; exec:java fails the build the same way).
        throw new TargetNotMet(String.format(Locale.ROOT,
            "added-latency error median %s, p99 %s: %s not met", ms(errorMedian), ms(errorP99),
            target));
      }
    }
  }

  /** The benchmark ran, and its target was not met. */
  static final class TargetNotMet extends RuntimeException {
    TargetNotMet(String message) {
      super(message);
    }
  }

  private static Histogram phase(
      Transport transport, int port, int connections, int bytes, int periodMs, int warmup,
      int seconds) throws InterruptedException {
    try (PingPongLoad load = new PingPongLoad(transport, 1, bytes, periodMs)) {
      load.open(transport, port, connections);
      double loadBefore = systemLoad();
      long shaperCpu = ThreadCpu.nanos("shaper-io");
      long clientCpu = ThreadCpu.nanos("bench-");
      long[] gcBefore = gc();
      long wall = System.nanoTime();
      Histogram histogram = load.measure(warmup, seconds);
      long[] gcAfter = gc();
      double wallSeconds = (System.nanoTime() - wall) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "  (machine load average %.2f -> %.2f; CPU of shaper event loops %.0f%%, of load"
              + " generator + echo %.0f%% of one core; %d GCs, %d ms, in warm-up + phase)%n",
          loadBefore, systemLoad(),
          100 * (ThreadCpu.nanos("shaper-io") - shaperCpu) / 1e9 / wallSeconds,
          100 * (ThreadCpu.nanos("bench-") - clientCpu) / 1e9 / wallSeconds,
          gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1]);
      if (load.failures() > 0) {
        System.out.println("  !! " + load.failures() + " connections failed during the phase");
      }
      return histogram;
    }
  }

  private static void report(String phase, Histogram rtt, int latencyMs) {
    System.out.printf(
        Locale.ROOT,
        "%-45s round trips %8d (%6.0f/s)  median %s  p90 %s  p99 %s  p99.9 %s  max %s%n",
        phase, rtt.getTotalCount(), rtt.getTotalCount() / (double) Integer.getInteger("bench.seconds", 10),
        ms(rtt.getValueAtPercentile(50)), ms(rtt.getValueAtPercentile(90)),
        ms(rtt.getValueAtPercentile(99)), ms(rtt.getValueAtPercentile(99.9)),
        ms(rtt.getMaxValue()));
  }

  /** Collections so far and their accumulated time (ms), all collectors: GC pauses show up as outliers. */
  private static long[] gc() {
    long count = 0;
    long millis = 0;
    for (var collector : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, collector.getCollectionCount());
      millis += Math.max(0, collector.getCollectionTime());
    }
    return new long[] {count, millis};
  }

  /** The 1-minute load average: other processes on these cores show up as timer lateness. */
  private static double systemLoad() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static String ms(long micros) {
    return String.format(Locale.ROOT, "%.3f ms", micros / 1000.0);
  }
}
