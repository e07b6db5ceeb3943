package faremark.shaper.bench;

import faremark.shaper.Transport;
import faremark.shaper.bench.BenchProcesses.Shaper;
import faremark.shaper.bench.BenchProcesses.Target;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.SocketChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * The shaper's throughput beside a direct connection and a plain relay, in one run: wrk against the
 * fare server (no service time, 8 KiB page) (a) directly, (b) through socat, (c) through the shaper
 * with no toxic, (d) through the shaper with a latency toxic on the downstream — interleaved,
 * round after round, so that a noisy machine slows every target alike — then the shaper's memory
 * per connection, idle and active. Every process runs separately: the fare server and the shaper
 * from their jars, socat and wrk from the system. Run it with {@code shaper/bench/throughput.sh}.
 *
 * <p>System properties: {@code bench.connections} (comma list, {@code 100,10000}; 10,000 through
 * the shaper needs an open-file limit above 20,000: a count the shapers cannot hold within their
 * limit falls back to the most they can, with a line saying so),
 * {@code bench.rounds} (5), {@code bench.seconds} (per run, 10), {@code bench.warmup} (seconds per
 * target before the rounds, 5), {@code bench.latencyMs} (100), {@code bench.wrkThreads} (2, also
 * the threads of {@link HttpLoad}), {@code bench.wrkUpTo} (connection counts up to this use wrk,
 * larger ones {@link HttpLoad}; 1000),
 * {@code bench.relays} (comma list of {@code socat}, {@code netty-copy}, {@code netty-splice}
 * (see {@link NettyRelay}), or {@code none}; default {@code socat}), {@code bench.throughput}
 * (true: the interleaved rounds), {@code bench.memory} (true: memory per connection, at the
 * largest connection count, in a fresh shaper process),
 * {@code bench.shaperProcesses} (1: shaper processes sharing the proxies' ports with {@code
 * -reuse-port}, as faremark runs its proxy where one process cannot hold every connection; their
 * CPU is summed; the memory part is skipped for more than one),
 * {@code bench.fareServerJar}, {@code bench.shaperJar}, {@code bench.shaperJvm} (extra JVM
 * options for the shaper, space separated); {@code bench.baselineShaperJar} and
 * {@code bench.baselineShaperJvm} add a second shaper (e.g. a build from before a change, or the
 * same jar with other options) measured in the same rounds.
 */
public final class ProxyThroughput {
  private static final String PAGE = "/fares?from=PRG&to=BRQ&date=2018-06-01";

  private final int rounds = Integer.getInteger("bench.rounds", 5);
  private final int seconds = Integer.getInteger("bench.seconds", 10);
  private final int warmup = Integer.getInteger("bench.warmup", 5);
  private final int latencyMs = Integer.getInteger("bench.latencyMs", 100);
  private final BenchProcesses processes = new BenchProcesses(latencyMs);
  private final int wrkThreads = Integer.getInteger("bench.wrkThreads", 2);
  private final int wrkUpTo = Integer.getInteger("bench.wrkUpTo", 1000);
  private final List<String> relays =
      Arrays.stream(System.getProperty("bench.relays", "socat").split(","))
          .map(String::trim).filter(r -> !r.isEmpty() && !r.equals("none")).toList();


  private ProxyThroughput() {}

  public static void main(String[] args) throws Exception {
    ProxyThroughput bench = new ProxyThroughput();
    Runtime.getRuntime().addShutdownHook(new Thread(bench.processes::stopAll));
    try {
      bench.run();
    } finally {
      bench.processes.stopAll();
    }
  }

  private void run() throws Exception {
    List<Integer> askedCounts =
        Arrays.stream(System.getProperty("bench.connections", "100,10000").split(","))
            .map(String::trim).map(Integer::parseInt).toList();
    header(askedCounts);

    Launched fare =
        processes.launch("fare-server", List.of(processes.java(), "-jar", BenchProcesses.jar(System.getProperty(
            "bench.fareServerJar", "fare-server/target/fare-server.jar")), "--port", "0",
            "--service-time", "0ms"));
    int farePort =
        Integer.parseInt(fare.awaitLine(Pattern.compile("listening on http://[^:]+:(\\d+)"), 60));

    Shaper shaper = processes.startShaper("shaper", System.getProperty("bench.shaperJar",
        "shaper/target/shaper.jar"), System.getProperty("bench.shaperJvm", ""), farePort,
        Integer.getInteger("bench.shaperProcesses", 1));
    List<Shaper> shapers = new ArrayList<>(List.of(shaper));
    String baselineJar = System.getProperty("bench.baselineShaperJar", "");
    if (!baselineJar.isBlank()) {
      shapers.add(processes.startShaper("baseline shaper", baselineJar,
          System.getProperty("bench.baselineShaperJvm", ""), farePort));
    }

    List<Integer> connectionCounts = withinLimit(askedCounts, shapers);

    List<Target> targets = new ArrayList<>();
    targets.add(new Target("direct", farePort, fare, 0));
    for (String relay : relays) {
      targets.add(processes.startRelay(relay, farePort));
    }
    for (Shaper each : shapers) {
      targets.add(new Target(each.label() + ", no toxic", each.plainPort(), each.process(), 0,
          Integer.MAX_VALUE, each.more()));
    }
    for (Shaper each : shapers) {
      targets.add(new Target(each.label() + ", latency " + latencyMs + " ms", each.toxicPort(),
          each.process(), latencyMs, Integer.MAX_VALUE, each.more()));
    }

    if (Boolean.parseBoolean(System.getProperty("bench.throughput", "true"))) {
      for (int connections : connectionCounts) {
        measure(connections, targets, fare);
      }
    }
    if (Boolean.parseBoolean(System.getProperty("bench.memory", "true"))) {
      for (Shaper each : shapers) {
        if (!each.more().isEmpty()) {
          System.out.println("(memory per connection is measured on a shaper of one process; "
              + each.label() + " has " + each.all().size() + ": skipped)");
          continue;
        }
        memory(each, farePort, connectionCounts.stream().max(Integer::compare).orElseThrow());
      }
    }
  }

  /**
   * The counts asked for, each within what every shaper can hold under its open-file limit: a
   * larger count falls back to the most they can hold, and says why — where the limit cannot be
   * raised (not root, or no CAP_SYS_RESOURCE), the run still measures as near to it as it may.
   */
  private static List<Integer> withinLimit(List<Integer> asked, List<Shaper> shapers)
      throws IOException {
    Shaper tightest = shapers.get(0);
    int capacity = Integer.MAX_VALUE;
    for (Shaper each : shapers) {
      int holds = capacity(each);
      if (holds < capacity) {
        capacity = holds;
        tightest = each;
      }
    }
    List<Integer> counts = new ArrayList<>();
    for (int count : asked) {
      if (count > capacity) {
        Launched process = tightest.process();
        System.out.printf(Locale.ROOT, "!! %,d connections asked for, but the %s can hold %,d:"
            + " its open-file limit is %,d, it holds %d descriptors at rest and 2 per connection"
            + " (%d kept spare); measuring %,d connections instead%n", count, tightest.label(),
            capacity, process.openFilesSoftLimit(), process.openFiles(),
            BenchProcesses.SPARE_DESCRIPTORS, capacity);
        count = capacity;
      }
      if (!counts.contains(count)) {
        counts.add(count);
      }
    }
    return counts;
  }

  /**
   * The connections a shaper holds within its processes' open-file limits: one process's
   * capacity, or for several sharing the port (the kernel hashes each connection to one of them),
   * the count whose expected share plus 5 standard deviations fits the tightest process.
   */
  private static int capacity(Shaper shaper) throws IOException {
    int per = Integer.MAX_VALUE;
    for (Launched each : shaper.all()) {
      per = Math.min(per, BenchProcesses.connectionCapacity(each, 2));
    }
    int k = shaper.all().size();
    if (k == 1 || per == Integer.MAX_VALUE) {
      return per;
    }
    int most = 0;
    for (int n = per; n <= per * k; n += 10) {
      double p = 1.0 / k;
      if (n * p + 5 * Math.sqrt(n * p * (1 - p)) > per) {
        break;
      }
      most = n;
    }
    return most;
  }

  private void measure(int connections, List<Target> targets, Launched fare) throws Exception {
    System.out.printf(Locale.ROOT, "%n== %,d connections: warm-up %d s per target, then %d rounds"
        + " of %d s per target, interleaved%n", connections, warmup, rounds, seconds);
    List<Target> skipped =
        targets.stream().filter(t -> connections > t.maxConnections()).toList();
    for (Target target : skipped) {
      System.out.printf(Locale.ROOT, "  (%s skipped: it can hold %,d connections within the"
          + " open-file limit)%n", target.name(), target.maxConnections());
    }
    targets = targets.stream().filter(t -> connections <= t.maxConnections()).toList();
    boolean wrk = connections <= wrkUpTo;
    System.out.println(wrk ? "  load: wrk" : "  load: HttpLoad (connections opened "
        + "gradually, then a warm-up of " + warmup + " s in each run before its window)");
    if (wrk) {
      for (Target target : targets) {
        Wrk.run(url(target), wrkThreads, connections, warmup);
        settle(connections);
      }
    }
    Map<Target, List<Wrk.Result>> results = new LinkedHashMap<>();
    Map<Target, List<Double>> cpu = new LinkedHashMap<>();
    Map<Target, List<Double>> serverCpu = new LinkedHashMap<>();
    for (Target target : targets) {
      results.put(target, new ArrayList<>());
      cpu.put(target, new ArrayList<>());
      serverCpu.put(target, new ArrayList<>());
    }
    Random shuffle = new Random(connections);
    for (int round = 0; round < rounds; round++) {
      // A new order each round (seeded: the same every run), so no target always runs first, or
      // always right after the same other target and the teardown of its connections.
      List<Target> order = new ArrayList<>(targets);
      Collections.shuffle(order, shuffle);
      for (Target target : order) {
        double cpuBefore = target.cpuSeconds();
        double fareBefore = fare.cpuSeconds();
        Wrk.Result result = wrk
            ? Wrk.run(url(target), wrkThreads, connections, seconds)
            : HttpLoad.run(Transport.detect(), wrkThreads, target.port(), PAGE, connections,
                warmup, seconds);
        settle(connections); // socat's children end and are reaped: their CPU is then counted
        double perRequest = result.requests() > 0 ? 1e6 / result.requests() : Double.NaN;
        results.get(target).add(result);
        cpu.get(target).add((target.cpuSeconds() - cpuBefore) * perRequest);
        serverCpu.get(target).add((fare.cpuSeconds() - fareBefore) * perRequest);
        System.out.printf(Locale.ROOT,
            "  round %d %-24s %9.0f req/s  p50 %9.3f ms  p99 %9.3f ms  errors %d%n",
            round + 1, target.name(), result.rate(), result.p50Micros() / 1000,
            result.p99Micros() / 1000, result.errors());
      }
    }
    report(connections, targets, results, cpu, serverCpu);
  }

  private void report(int connections, List<Target> targets, Map<Target, List<Wrk.Result>> results,
      Map<Target, List<Double>> cpu, Map<Target, List<Double>> serverCpu) {
    List<Wrk.Result> direct = results.get(targets.get(0));
    System.out.printf(Locale.ROOT, "%n%,d connections, medians of %d rounds (min–max):%n",
        connections, rounds);
    System.out.printf(Locale.ROOT, "  %-24s %-24s %-19s %-24s %-26s %-7s %-20s %s%n", "target",
        "req/s", "× direct", "p50 ms", "p99 ms", "errors", "CPU µs/req (relay)",
        "CPU µs/req (server)");
    for (Target target : targets) {
      List<Wrk.Result> runs = results.get(target);
      List<Double> ratio = new ArrayList<>();
      for (int i = 0; i < runs.size(); i++) {
        ratio.add(runs.get(i).rate() / direct.get(i).rate());
      }
      System.out.printf(Locale.ROOT, "  %-24s %-24s %-19s %-24s %-26s %-7d %-20s %s%n",
          target.name(),
          Spread.of(runs.stream().map(Wrk.Result::rate).toList()).show("%.0f"),
          Spread.of(ratio).show("%.2f"),
          Spread.of(runs.stream().map(r -> r.p50Micros() / 1000).toList()).show("%.2f"),
          Spread.of(runs.stream().map(r -> r.p99Micros() / 1000).toList()).show("%.2f"),
          runs.stream().mapToLong(Wrk.Result::errors).sum(),
          target.process().equals(targets.get(0).process())
              ? "-" : Spread.of(cpu.get(target)).show("%.1f"),
          Spread.of(serverCpu.get(target)).show("%.1f"));
      if (target.latencyMs() > 0) {
        double configured = target.latencyMs() * 1000.0;
        System.out.printf(Locale.ROOT,
            "  %-24s added latency − configured %d ms: p50 %s ms, p99 %s ms%n", "",
            target.latencyMs(),
            Spread.of(runs.stream().map(r -> (r.p50Micros() - configured) / 1000).toList())
                .show("%+.2f"),
            Spread.of(runs.stream().map(r -> (r.p99Micros() - configured) / 1000).toList())
                .show("%+.2f"));
      }
    }
  }

  /**
   * In a fresh process of the same jar and options, so that what the throughput rounds left
   * behind (grown heap, pooled buffers) is not in the 0-connection figure.
   */
  private void memory(Shaper measured, int farePort, int connections) throws Exception {
    System.out.printf(Locale.ROOT, "%n== %s memory, %,d connections, fresh process (idle:"
        + " connected, no data; active: HttpLoad through the proxy with no toxic)%n",
        measured.label(), connections);
    Shaper shaper = processes.startShaper(measured.label() + " (memory)", measured.jar(),
        measured.jvmOptions(), farePort);
    try (ShaperMemory memory = new ShaperMemory(shaper.process())) {
      memory(memory, shaper.process(), shaper.plainPort(), connections);
    } finally {
      processes.stop(shaper.process());
    }
  }

  private void memory(ShaperMemory memory, Launched shaper, int plainPort, int connections)
      throws Exception {
    settle(connections);
    ShaperMemory.Sample base = memory.sample(true);
    System.out.println(base.absolute("0 connections"));
    List<SocketChannel> idle = ShaperMemory.openIdle(plainPort, connections, shaper);
    ShaperMemory.Sample idleSample;
    try {
      idleSample = memory.sample(true);
    } finally {
      ShaperMemory.closeAll(idle);
    }
    System.out.println(idleSample.absolute(String.format(Locale.ROOT, "%,d idle", connections)));
    settle(connections);
    // The idle connections' closes may still be under way: start from 0 connections again.
    long closing = System.nanoTime() + 60_000_000_000L;
    while (shaper.openFiles() > base.openFiles() + 10 && System.nanoTime() < closing) {
      Thread.sleep(200);
    }
    // Active: HttpLoad through the proxy (connections opened gradually); sampled once they are
    // open and the load has run a few seconds.
    Wrk.Result[] load = new Wrk.Result[1];
    Exception[] failure = new Exception[1];
    Thread loader = new Thread(() -> {
      try {
        load[0] = HttpLoad.run(Transport.detect(), wrkThreads, plainPort, PAGE, connections, 10,
            5);
      } catch (Exception e) {
        failure[0] = e;
      }
    }, "bench-memory-load");
    loader.start();
    long deadline = System.nanoTime() + 120_000_000_000L;
    // Most connections open through the proxy (a few may still be closing from before).
    while (shaper.openFiles() < base.openFiles() + 2 * connections * 0.95
        && System.nanoTime() < deadline
        && loader.isAlive()) {
      Thread.sleep(200);
    }
    Thread.sleep(5000);
    ShaperMemory.Sample activeSample = memory.sample(false);
    loader.join();
    if (failure[0] != null) {
      throw failure[0];
    }
    System.out.println(activeSample.absolute(String.format(Locale.ROOT,
        "%,d active (%.0f req/s)", connections, load[0].rate())));
    if (activeSample.openFiles() < base.openFiles() + 2 * connections * 0.95) {
      System.out.println("  !! the active sample saw fewer open connections than asked for");
    }
    System.out.println("  per connection, minus 0 connections:");
    System.out.println(idleSample.minus(base).perConnection("idle", connections));
    System.out.println(activeSample.minus(base).perConnection("active (heap: no GC first)",
        connections));
  }



  private void header(List<Integer> connectionCounts) throws IOException {
    System.out.printf(Locale.ROOT,
        "shaper throughput benchmark, %s: %d cores, load average %.2f, Linux %s, JDK %s, %s,"
            + " wrk threads %d, connections %s, max open files %s%n",
        Instant.now(), Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        System.getProperty("os.version"), Runtime.version(), Wrk.version(), wrkThreads,
        connectionCounts, BenchProcesses.openFilesLimit());
  }


  /** Connections closing: give the relay, the shaper and the kernel a moment between runs. */
  private static void settle(int connections) throws InterruptedException {
    Thread.sleep(connections >= 1000 ? 3000 : 1000);
  }

  private static String url(Target target) {
    return "http://127.0.0.1:" + target.port() + PAGE;
  }
}
