package faremark.orchestrator.results;

import faremark.contract.LatencySummary;
import faremark.contract.WorkloadResult;
import faremark.orchestrator.verify.Verification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-made run records with fixed numbers, for the summary's golden files: a model whose runs
 * were all ok, one with a failed-requests run and an ok run, and one with only a crashed run.
 * The thread-pool runs also show requests its HTTP client re-sent on its own: the server saw 7
 * more than the failed run's 100 requests and 3 retries, and 2 more than the ok run's 100.
 */
public final class SummaryFixture {
  public static final Instant STARTED = Instant.parse("2024-05-06T07:08:09Z");
  static final Instant ENDED = Instant.parse("2024-05-06T07:12:34.500Z");
  static final List<String> MODELS = List.of("sequential", "thread-pool", "py-asyncio");
  static final int DAYS = 100;
  public static final long MIB = 1024 * 1024;

  private SummaryFixture() {}

  static Summary summary() {
    return SummaryBuilder.build(
        "seed", STARTED, ENDED, "local", false, MODELS, runs(), idealRequestPhaseMs());
  }

  static Map<String, Double> idealRequestPhaseMs() {
    Map<String, Double> ideal = new LinkedHashMap<>();
    ideal.put("sequential", 20_000.0);
    ideal.put("thread-pool", 2_000.0);
    ideal.put("py-asyncio", 200.0);
    return ideal;
  }

  /** In experiment order: repetition 1 of every model, then repetition 2, then 3. */
  static List<RunRecord> runs() {
    List<RunRecord> runs = new ArrayList<>();
    runs.add(ok(1, "sequential", 1, 29_100.5, 30_250.0, 50 * MIB, 40 * MIB, 1_500, 290_000, 310_000, 1));
    runs.add(failedRequests(2, "thread-pool", 1));
    runs.add(crashed(3, "py-asyncio", 1));
    runs.add(ok(4, "sequential", 2, 28_900.25, 30_010.0, 52 * MIB, 41 * MIB, 1_460, 288_000, 305_000, 1));
    runs.add(resent(ok(5, "thread-pool", 2, 3_100.75, 4_020.5, 96 * MIB, 42 * MIB, 2_300, 300_000, 420_000, 32), 2));
    runs.add(ok(6, "sequential", 3, 29_000.0, 30_100.0, 51 * MIB, 40 * MIB, 1_480, 289_000, 307_000, 1));
    return runs;
  }

  public static RunRecord ok(
      int index, String model, int rep, double phaseMs, double wallMs, long peak, long baseline,
      long cpuMs, long p50Us, long p99Us, long serverMaxInFlight) {
    WorkloadResult result =
        result(model, DAYS, DAYS, Map.of(), phaseMs, new LatencySummary(
            DAYS, p50Us / 2, p50Us + 1_000.5, p50Us, p50Us + 5_000, p99Us, p99Us + 1_000, p99Us + 2_000));
    MemoryFigures memory =
        new MemoryFigures("cgroup-v2", "cgroup v2 memory.current", 300, 100.0, baseline, peak,
            "kernel", peak - 1024, peak - 4096, peak - baseline, baseline / 2, peak / 2, cpuMs, 0);
    return new RunRecord(
        index, runId(index, model, rep), model, rep, Outcome.OK, "", 0,
        STARTED.plusSeconds(40L * index), wallMs, 700.0 + index, 700.0 + index + phaseMs, result,
        new Verification(Verification.Status.VERIFIED, DAYS, DAYS, List.of(), List.of(), List.of()),
        memory, server(serverMaxInFlight, DAYS), List.of("java", "-jar", "workload.jar", model));
  }

  public static RunRecord failedRequests(int index, String model, int rep) {
    WorkloadResult result =
        result(model, DAYS, 95, Map.of("timeout", 5), 9_500.0,
            new LatencySummary(95, 150_000, 400_000.0, 310_000, 500_000, 900_000, 950_000, 990_000),
            Map.of("reset", 3));
    MemoryFigures memory =
        new MemoryFigures("cgroup-v2", "cgroup v2 memory.current", 900, 100.0, 40 * MIB, 120 * MIB,
            "kernel", 119 * MIB, 118 * MIB, 80 * MIB, 20 * MIB, 60 * MIB, 4_000L, 0);
    return new RunRecord(
        index, runId(index, model, rep), model, rep, Outcome.FAILED_REQUESTS,
        "5 of 100 requests failed: {timeout=5}", 1, STARTED.plusSeconds(40L * index), 10_400.0,
        690.0, 10_190.0, result,
        new Verification(Verification.Status.PARTIAL, DAYS, 95, List.of(), List.of(), List.of()),
        memory, server(64, DAYS + 3 + 7), List.of("java", "-jar", "workload.jar", model));
  }

  /** {@code run} with {@code extra} more requests at the server than the workload sent. */
  @SuppressWarnings("unchecked")
  public static RunRecord resent(RunRecord run, long extra) {
    Map<String, Object> server = new LinkedHashMap<>(run.server() instanceof Map<?, ?> m
        ? (Map<String, Object>) m : Map.of());
    server.put("requests", ((Number) server.get("requests")).longValue() + extra);
    return new RunRecord(run.index(), run.runId(), run.model(), run.repetition(), run.outcome(),
        run.reason(), run.exitCode(), run.launchedAt(), run.processWallMs(), run.readyAtMs(),
        run.doneAtMs(), run.result(), run.verification(), run.memory(), server, run.command());
  }

  public static RunRecord crashed(int index, String model, int rep) {
    MemoryFigures memory =
        new MemoryFigures("cgroup-v2", "cgroup v2 memory.current", 3, 100.0, null, 12 * MIB,
            "kernel", 11 * MIB, null, null, null, 5 * MIB, 80L, 0);
    return new RunRecord(
        index, runId(index, model, rep), model, rep, Outcome.CRASHED,
        "exited with 1 without a done event (see stderr.log)", 1, STARTED.plusSeconds(40L * index),
        310.0, null, null, null, Verification.noAnswer(DAYS), memory, server(0, 0),
        List.of("python3", "-m", "faremark_workload", model));
  }

  public static WorkloadResult result(
      String model, int requested, int ok, Map<String, Integer> failed, double phaseMs,
      LatencySummary latency) {
    return result(model, requested, ok, failed, phaseMs, latency, Map.of());
  }

  /** @param retried the workload's own retries of failed attempts, by cause */
  static WorkloadResult result(
      String model, int requested, int ok, Map<String, Integer> failed, double phaseMs,
      LatencySummary latency, Map<String, Integer> retried) {
    Instant start = STARTED.plusSeconds(1);
    Duration phase = Duration.ofNanos(Math.round(phaseMs * 1_000_000));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("client", "fixture");
    if (!retried.isEmpty()) {
      details.put("retried", retried);
    }
    return new WorkloadResult(
        model, requested, ok, failed, start, start.plus(phase), phase, latency, List.of(), details);
  }

  /** The fare server's stats object as the experiment records it: a JSON-like map. */
  static Map<String, Object> server(long maxInFlight, long requests) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("requests", requests);
    s.put("maxInFlightObserved", maxInFlight);
    s.put("rejected", 0);
    return s;
  }

  private static String runId(int index, String model, int rep) {
    return String.format("%03d-%s-r%d", index, model, rep);
  }
}
