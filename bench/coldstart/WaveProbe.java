import faremark.contract.Json;
import faremark.contract.LatencySummary;
import faremark.contract.WorkloadEvent;
import faremark.contract.WorkloadResult;
import faremark.contract.WorkloadSpec;
import faremark.workload.JavaModels;
import faremark.workload.WorkloadModel;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs one Java model's job several times in ONE JVM ("waves"), each wave with a fresh model
 * instance (so a fresh HttpClient: new connections, new selector thread, new pool threads), and
 * prints one JSON line per wave. Wave 1 is exactly what a faremark run measures (a cold JVM);
 * later waves repeat the same job in a JVM whose classes are loaded and whose hot code is
 * compiled. Wave 1 minus a warm wave (wave 2 is not warm yet: take a later one) is therefore the
 * runtime's first use: class loading and initialisation, interpreted code and JIT compilation -
 * not connection set-up, thread start or the concurrency model, which every wave pays again.
 *
 * <p>Wave 1 follows WorkloadMain's order (spec read through Jackson, model created and prepared,
 * the ready line written through the contract's own printer) so that what is loaded before the
 * first request is the same as in a real run. The one addition is reading /proc before the
 * request phase (a few file and stream classes), which can only make wave 1 a little faster than
 * a real run; the MXBean readings are taken only after each wave.
 *
 * <p>It uses the workload's public API ({@link JavaModels#create}, {@link WorkloadModel}); if
 * models are registered another way, the one line that creates the model is what changes.
 *
 * <p>Usage: {@code java -cp <workload classpath>:<this class> WaveProbe <spec.json> <waves>
 * [pause-ms] [target-uri]}. target-uri overrides the spec's target (e.g. the fare server
 * itself instead of the proxy). Multi-process is not supported: its waves would be new JVMs.
 */
public final class WaveProbe {
  private WaveProbe() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: WaveProbe <spec.json> <waves> [pause-ms] [target-uri]");
      System.exit(2);
    }
    PrintStream out = System.out;
    WorkloadSpec spec = Json.mapper().readValue(Path.of(args[0]).toFile(), WorkloadSpec.class);
    int waves = Integer.parseInt(args[1]);
    long pauseMs = args.length > 2 ? Long.parseLong(args[2]) : 1000;
    if (args.length > 3) {
      spec = retarget(spec, URI.create(args[3]));
    }
    for (int wave = 1; wave <= waves; wave++) {
      long prepareStart = System.nanoTime();
      WorkloadResult result;
      long prepareNanos;
      long cpu;
      Map<String, Long> byThread;
      try (WorkloadModel model = JavaModels.create(spec)) {
        model.prepare();
        prepareNanos = System.nanoTime() - prepareStart;
        if (wave == 1) {
          WorkloadEvent.print(
              new WorkloadEvent.Ready(model.id(), ProcessHandle.current().pid(), "probe", Instant.now()), out);
        }
        long cpuBefore = cpuMillis();
        Map<String, Long> threadsBefore = cpuByThread();
        result = model.run();
        cpu = cpuMillis() - cpuBefore;
        // Read before close(): the client's selector and the pool's threads still exist, so
        // their CPU time can still be attributed to them.
        byThread = delta(threadsBefore, cpuByThread());
        // What no live thread accounts for: threads that ended during the wave, and the
        // rounding of many short-lived threads' tick counts.
        byThread.put("unattributed", cpu - byThread.values().stream().mapToLong(Long::longValue).sum());
      }
      out.println(line(wave, spec.model(), prepareNanos, cpu, byThread, result));
      if (wave < waves) {
        Thread.sleep(pauseMs); // let queued JIT compilations finish, as a long-running program would
      }
    }
  }

  /**
   * CPU time of the whole process (every thread: JIT compilers and GC included) from
   * /proc/self/stat, in ms (the kernel counts in ticks, usually 10 ms). Read from a file rather
   * than an MXBean so that nothing extra is loaded before wave 1. CPU time, unlike wall time,
   * barely moves with the machine's load: it is the work the first use costs.
   */
  private static long cpuMillis() throws java.io.IOException {
    String stat = java.nio.file.Files.readString(Path.of("/proc/self/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // after the comm field: state is f[0], utime is field 14 overall = f[11], stime f[12]
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
  }

  /**
   * CPU ms per live thread, keyed by tid and the kernel's thread name (HotSpot names native
   * threads after their Java names, cut to 15 characters).
   */
  private static Map<String, Long> cpuByThread() throws java.io.IOException {
    Map<String, Long> cpu = new TreeMap<>();
    try (var tasks = java.nio.file.Files.list(Path.of("/proc/self/task"))) {
      for (Path task : tasks.toList()) {
        String stat;
        try {
          stat = java.nio.file.Files.readString(task.resolve("stat"));
        } catch (java.io.IOException gone) {
          continue; // the thread ended while we listed
        }
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        cpu.put(task.getFileName() + "/" + name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10);
      }
    }
    return cpu;
  }

  /** CPU ms spent between two readings, summed by kind of thread. */
  private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> byKind = new TreeMap<>();
    after.forEach((key, ms) -> {
      long spent = ms - before.getOrDefault(key, 0L);
      if (spent > 0) {
        byKind.merge(kind(key.substring(key.indexOf('/') + 1)), spent, Long::sum);
      }
    });
    return byKind;
  }

  private static String kind(String thread) {
    if (thread.startsWith("C2 Compiler")) return "jit-c2";
    if (thread.startsWith("C1 Compiler")) return "jit-c1";
    if (thread.startsWith("GC ") || thread.startsWith("G1 ")) return "gc";
    if (thread.startsWith("HttpClient")) return "http-selector";
    if (thread.startsWith("fetch-")) return "model-threads";
    if (thread.startsWith("ForkJoinPool-")) return "vthread-carriers";
    if (thread.startsWith("ForkJoinPool.co")) return "common-pool";
    if (thread.equals("main") || thread.equals("java")) return "main";
    return "other";
  }

  private static String json(Map<String, Long> m) {
    StringBuilder b = new StringBuilder("{");
    m.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
    return b.append('}').toString();
  }

  private static String line(
      int wave, String model, long prepareNanos, long cpuMs, Map<String, Long> byThread, WorkloadResult r) {
    LatencySummary l = r.latency();
    var classes = ManagementFactory.getClassLoadingMXBean();
    var jit = ManagementFactory.getCompilationMXBean();
    long uptimeMs = ManagementFactory.getRuntimeMXBean().getUptime();
    return String.format(Locale.ROOT,
        "{\"wave\":%d,\"model\":\"%s\",\"ok\":%d,\"failed\":%d,\"prepareUs\":%d,"
            + "\"requestPhaseUs\":%d,\"latency\":{\"minUs\":%d,\"p50Us\":%d,\"p90Us\":%d,\"maxUs\":%d},"
            + "\"cpuMs\":%d,\"cpuByThreadMs\":%s,\"classesLoaded\":%d,\"jitMs\":%d,\"uptimeMs\":%d,"
            + "\"startedAtMs\":%d,\"endedAtMs\":%d}",
        wave, model, r.ok(), r.failedTotal(), prepareNanos / 1000, r.requestPhase().toNanos() / 1000,
        l.minUs(), l.p50Us(), l.p90Us(), l.maxUs(), cpuMs, json(byThread),
        classes.getTotalLoadedClassCount(), jit == null ? 0 : jit.getTotalCompilationTime(), uptimeMs,
        r.startedAt().toEpochMilli(), r.endedAt().toEpochMilli());
  }

  private static WorkloadSpec retarget(WorkloadSpec s, URI target) {
    return new WorkloadSpec(s.model(), target, s.route(), s.startDate(), s.days(), s.concurrency(),
        s.connections(), s.poolSize(), s.connectTimeout(), s.requestTimeout(), s.processes(),
        s.options(), s.retries());
  }
}
