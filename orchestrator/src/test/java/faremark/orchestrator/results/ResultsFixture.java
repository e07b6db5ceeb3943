package faremark.orchestrator.results;

import faremark.contract.Json;
import faremark.orchestrator.scenario.ScenarioLoader;
import faremark.orchestrator.verify.Verification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a results folder with fixed numbers, as the runner lays it out: scenario, environment,
 * and per run run.json, samples.csv and events.jsonl. Models: sequential (3 ok runs),
 * thread-pool (a failed-requests run, an ok run and an OOM-killed one) and py-asyncio (a
 * Python model: a run that crashed before ready, two ok runs). Thread-pool's HTTP client re-sent
 * requests on its own in two runs, and A's {@code python.json} records py-gevent as skipped on
 * this machine. Variant B changes the numbers, drops py-asyncio and adds async, for compare; it
 * has no {@code python.json} (no Python model) and no re-sends.
 */
public final class ResultsFixture {
  static final long MIB = SummaryFixture.MIB;
  static final double SAMPLE_MS = 25;

  private ResultsFixture() {}

  static final String SCENARIO_A = """
      name: fixture
      description: "Golden-file fixture: three models, ok, failed and killed runs."
      job: {route: {from: PRG, to: BRQ}, startDate: 2018-06-01, days: 100}
      server: {serviceTime: 200ms, payload: 8KiB}
      client: {concurrency: 10}
      models: [sequential, thread-pool, py-asyncio]
      repetitions: 3
      run: {memoryLimit: 256MiB}
      """;

  static final String SCENARIO_B = """
      name: fixture
      description: "Golden-file fixture, variant B."
      job: {route: {from: PRG, to: BRQ}, startDate: 2018-06-01, days: 100}
      server: {serviceTime: 200ms, payload: 8KiB}
      client: {concurrency: 10}
      models: [sequential, thread-pool, async]
      repetitions: 2
      """;

  public static Path writeA(Path dir) throws Exception {
    List<RunRecord> runs = new ArrayList<>();
    runs.add(SummaryFixture.ok(1, "sequential", 1, 20_100.5, 21_250.0, 90 * MIB, 66 * MIB, 1_500, 200_000, 210_000, 1));
    runs.add(SummaryFixture.failedRequests(2, "thread-pool", 1));
    runs.add(SummaryFixture.crashed(3, "py-asyncio", 1));
    runs.add(SummaryFixture.ok(4, "sequential", 2, 20_300.25, 21_410.0, 94 * MIB, 67 * MIB, 1_460, 201_000, 230_000, 1));
    runs.add(SummaryFixture.resent(SummaryFixture.ok(5, "thread-pool", 2, 2_100.75, 3_020.5, 120 * MIB, 68 * MIB, 2_300, 205_000, 320_000, 10), 2));
    runs.add(SummaryFixture.ok(6, "py-asyncio", 2, 2_040.0, 2_400.0, 30 * MIB, 18 * MIB, 1_100, 203_000, 240_000, 10));
    runs.add(SummaryFixture.ok(7, "sequential", 3, 20_000.0, 21_100.0, 91 * MIB, 66 * MIB, 1_480, 200_500, 215_000, 1));
    runs.add(oomKilled(8, "thread-pool", 3));
    runs.add(SummaryFixture.ok(9, "py-asyncio", 3, 2_060.0, 2_450.0, 32 * MIB, 18 * MIB, 1_150, 202_000, 250_000, 10));
    write(dir, SCENARIO_A, runs);
    Files.writeString(dir.resolve(ResultsLayout.PYTHON), PYTHON_JSON);
    return dir;
  }

  /** As {@code PythonPlan.prepare} writes it on a machine without gevent. */
  static final String PYTHON_JSON = """
      {
        "executable" : "/usr/bin/python3",
        "version" : "3.11.2",
        "modules" : {"aiohttp" : "3.8.4", "gevent" : null, "requests" : "2.28.1"},
        "skipped" : {
          "py-gevent" : "Python module gevent not importable by /usr/bin/python3; install: apt-get install -y python3-gevent, or set FAREMARK_PYTHON to a python3 that has it"
        },
        "sources" : "python/",
        "files" : ["run_model.py"]
      }
      """;

  public static Path writeB(Path dir) throws Exception {
    List<RunRecord> runs = new ArrayList<>();
    runs.add(SummaryFixture.ok(1, "sequential", 1, 20_050.0, 21_100.0, 70 * MIB, 60 * MIB, 1_400, 200_000, 205_000, 1));
    runs.add(SummaryFixture.ok(2, "thread-pool", 1, 2_300.0, 3_200.0, 100 * MIB, 61 * MIB, 2_100, 210_000, 400_000, 10));
    runs.add(SummaryFixture.ok(3, "async", 1, 2_050.0, 2_900.0, 80 * MIB, 60 * MIB, 1_900, 204_000, 260_000, 10));
    runs.add(SummaryFixture.ok(4, "sequential", 2, 20_150.0, 21_200.0, 72 * MIB, 60 * MIB, 1_420, 200_100, 206_000, 1));
    runs.add(SummaryFixture.ok(5, "thread-pool", 2, 2_250.0, 3_150.0, 104 * MIB, 62 * MIB, 2_150, 209_000, 390_000, 10));
    runs.add(SummaryFixture.ok(6, "async", 2, 2_060.0, 2_950.0, 82 * MIB, 61 * MIB, 1_950, 203_000, 250_000, 10));
    write(dir, SCENARIO_B, runs);
    return dir;
  }

  /**
   * Gives every ok run of {@code model} in the folder a {@code latency.hlog} of 100 values drawn
   * from its index, as a Python model's raw values; returns all the values written.
   */
  public static List<Long> keepLatency(Path dir, String model) throws Exception {
    List<Long> all = new ArrayList<>();
    for (RunData run : ResultsReader.read(dir).runs()) {
      if (run.record().model().equals(model) && run.record().outcome().ok()) {
        List<Long> values = LatencyLogTest.pythonValues(run.record().index(), 100);
        all.addAll(values);
        LatencyLog.write(dir.resolve(ResultsLayout.RUNS).resolve(run.record().runId())
                .resolve(ResultsLayout.LATENCY), run.record().runId(),
            LatencyLog.histogram(new faremark.contract.LatencyDistribution.ValuesUs(values)),
            java.time.Instant.EPOCH, java.time.Duration.ofSeconds(2));
      }
    }
    return all;
  }

  /** Killed by the kernel at the 256 MiB limit in the middle of its request phase. */
  static RunRecord oomKilled(int index, String model, int rep) {
    MemoryFigures memory = new MemoryFigures("cgroup-v2", "cgroup v2 memory.current", 60, 25.0,
        67 * MIB, 256 * MIB, "kernel", 255 * MIB, 255 * MIB, 189 * MIB, 30 * MIB, 240 * MIB, 900L, 1);
    return new RunRecord(index, String.format(Locale.ROOT, "%03d-%s-r%d", index, model, rep), model,
        rep, Outcome.OOM_KILLED, "killed by the kernel's OOM killer (memory limit 256 MiB)", 137,
        SummaryFixture.STARTED.plusSeconds(40L * index), 1_500.0, 700.0, null, null,
        Verification.noAnswer(100), memory, null, List.of("java", "-Xmx1g", "workload", model));
  }

  /**
   * {@code environment.json} without {@link ResultsLayout#FORMAT_FIELD}, as folders written
   * before the field existed have it: such folders must still read (and the golden report data,
   * which repeats the environment, stays as it was).
   */
  public static void write(Path dir, String scenarioYaml, List<RunRecord> runs) throws Exception {
    Files.createDirectories(dir.resolve(ResultsLayout.RUNS));
    ScenarioLoader.parse(scenarioYaml, "fixture.yaml", Optional.empty())
        .write(dir.resolve(ResultsLayout.SCENARIO));
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("startedAt", SummaryFixture.STARTED.toString());
    env.put("backend", "local");
    env.put("gitCommit", "0123456789abcdef0123456789abcdef01234567");
    env.put("os", "Debian GNU/Linux 12 (bookworm)");
    env.put("kernel", "6.1.0");
    env.put("cgroup", "cgroup v2 (fixture)");
    env.put("cpus", 2);
    env.put("java", Map.of("version", "21.0.5+11"));
    Json.mapper().writerWithDefaultPrettyPrinter().writeValue(dir.resolve(ResultsLayout.ENVIRONMENT).toFile(), env);
    for (RunRecord r : runs) {
      Path runDir = Files.createDirectories(dir.resolve(ResultsLayout.RUNS).resolve(r.runId()));
      Json.mapper().writerWithDefaultPrettyPrinter().writeValue(runDir.resolve(ResultsLayout.RUN_RECORD).toFile(), r);
      Files.writeString(runDir.resolve(ResultsLayout.SAMPLES), samples(r));
      Files.writeString(runDir.resolve(ResultsLayout.EVENTS), events(r));
    }
  }

  /**
   * Memory that climbs to the baseline by ready, to the sampled peak at the middle of the request
   * phase, holds, and falls when the process exits.
   */
  static String samples(RunRecord r) {
    StringBuilder csv = new StringBuilder("t_ms,current_bytes,anon_bytes,file_bytes\n");
    MemoryFigures m = r.memory();
    double wall = r.processWallMs();
    double ready = r.readyAtMs() == null ? wall : r.readyAtMs();
    double done = r.doneAtMs() == null ? wall : r.doneAtMs();
    long base = m.baselineBytes() == null ? m.sampledPeakBytes() : m.baselineBytes();
    long peak = m.sampledPeakBytes();
    for (double t = SAMPLE_MS / 2; t < wall; t += SAMPLE_MS) {
      double v;
      if (t < ready) {
        v = base * (t / ready);
      } else if (t < done) {
        double f = Math.min(1, (t - ready) / Math.max(1, (done - ready) / 2));
        v = base + (peak - base) * f;
      } else {
        v = peak * Math.max(0.05, 1 - (t - done) / Math.max(1, wall - done));
      }
      long cur = Math.round(v / 4096) * 4096;
      csv.append(String.format(Locale.ROOT, "%.3f,%d,%d,%d\n", t, cur, cur * 3 / 4, cur / 4));
    }
    return csv.toString();
  }

  static String events(RunRecord r) throws IOException {
    StringBuilder e = new StringBuilder();
    if (r.readyAtMs() != null) {
      e.append(Json.mapper().writeValueAsString(Map.of("tMs", r.readyAtMs(),
          "line", "{\"event\":\"ready\",\"model\":\"" + r.model() + "\"}"))).append('\n');
    }
    if (r.doneAtMs() != null) {
      e.append(Json.mapper().writeValueAsString(Map.of("tMs", r.doneAtMs(),
          "line", "{\"event\":\"done\",\"result\":{}}"))).append('\n');
    }
    return e.toString();
  }
}
