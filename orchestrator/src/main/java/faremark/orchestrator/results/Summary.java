package faremark.orchestrator.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code summary.json}: derived from the runs' raw data, never the other way round.
 *
 * @param preflightFailed models that were not run because their pre-flight failed, with why;
 *     absent from the file when there are none (as in every folder written before it existed)
 * @param definitions what every figure means, so the file stands on its own
 * @param firstUse per model, the request phase cold and warm and the runtime's first use, from
 *     the first-use reference runs; null (and absent from the file) without them
 * @param warmup warm-up passes every measured run made before {@code ready} ({@code
 *     run.warmup}): its request phases exclude the runtime's first use and its baselines include
 *     what the passes left behind; null (and absent from the file) for none
 */
public record Summary(
    String scenario,
    Instant startedAt,
    Instant endedAt,
    String backend,
    String memorySource,
    boolean interrupted,
    int runs,
    int okRuns,
    List<ModelSummary> models,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> preflightFailed,
    Map<String, String> definitions,
    @JsonInclude(JsonInclude.Include.NON_NULL) FirstUseSummary firstUse,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer warmup) {

  /**
   * The same summary with {@code section} as its first-use section (null: none) and the
   * experiment's warm-up passes per run (0: none).
   */
  public Summary with(FirstUseSummary section, int warmupPasses) {
    return new Summary(scenario, startedAt, endedAt, backend, memorySource, interrupted, runs,
        okRuns, models, preflightFailed, definitions, section, warmupPasses == 0 ? null : warmupPasses);
  }

  /**
   * The same summary with each model's latency over its merged histograms ({@code merged}, by
   * model id; models without one unchanged) and, where any has one, its definition; unchanged
   * when {@code merged} is empty, so a folder without histograms summarizes as before.
   */
  public Summary withLatencyMerged(Map<String, MergedLatency> merged) {
    if (merged.isEmpty()) {
      return this;
    }
    List<ModelSummary> withMerged = models.stream()
        .map(m -> merged.containsKey(m.model()) ? m.withLatencyMerged(merged.get(m.model())) : m)
        .toList();
    Map<String, String> defs = new LinkedHashMap<>(definitions);
    defs.put("latencyMerged", MergedLatency.DEFINITION);
    return new Summary(scenario, startedAt, endedAt, backend, memorySource, interrupted, runs,
        okRuns, withMerged, preflightFailed, Collections.unmodifiableMap(defs), firstUse, warmup);
  }

  /**
   * Definitions of figures that only some experiments have, added to {@link #definitions} only
   * where one of its models has the figure (so a summary without it reads as it always did).
   */
  static final Map<String, String> OPTIONAL_DEFINITIONS = Map.of(
      "requestPhaseCpuMs", "CPU time, user + system, of everything in the run between its ready"
          + " and done events (read from the run's cgroup as they arrived): where a runtime's"
          + " first use of the request path (JIT compilation, interpreted code, class loading)"
          + " shows as CPU work");

  public Summary {
    preflightFailed = Collections.unmodifiableMap(new LinkedHashMap<>(preflightFailed));
  }

  /** Without pre-flight failures. */
  public Summary(String scenario, Instant startedAt, Instant endedAt, String backend,
      String memorySource, boolean interrupted, int runs, int okRuns, List<ModelSummary> models,
      Map<String, String> definitions) {
    this(scenario, startedAt, endedAt, backend, memorySource, interrupted, runs, okRuns, models,
        Map.of(), definitions, null, null);
  }

  /** Every planned run happened and was ok, and no model was left out by its pre-flight. */
  public boolean allOk() {
    return okRuns == runs && !interrupted && preflightFailed.isEmpty();
  }

  public static final Map<String, String> DEFINITIONS = standardDefinitions();

  private static Map<String, String> standardDefinitions() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("ok", "runs whose every request succeeded and whose answer equals the fare server's "
        + "expected aggregate; only these enter the statistics");
    d.put("requestPhaseMs", "the workload's own monotonic time from its first request issued to "
        + "its last response handled");
    d.put("processWallMs", "launch of the workload process to its exit, as seen by the orchestrator"
        + " (includes runtime start-up and shutdown)");
    d.put("peakBytes", "the run's memory peak: the kernel's high-water mark of the run's cgroup "
        + "(cgroup v2 memory.peak, v1 memory.max_usage_in_bytes) so no peak between samples is "
        + "missed; where no cgroup could be made, the highest sampled RSS sum of the process tree");
    d.put("baselineBytes", "memory in use at the workload's ready event (runtime up, no request "
        + "sent): the runtime's own cost");
    d.put("peakAboveBaselineBytes", "peakBytes - baselineBytes: what the run's concurrency cost "
        + "on top of the runtime");
    d.put("phasePeakBytes", "highest sampled usage between the ready and done events");
    d.put("anonPeakBytes", "highest sampled anonymous memory (heap, stacks, malloc; RSS-like, "
        + "without page cache)");
    d.put("cpuMs", "CPU time, user + system, of everything in the run");
    d.put("latencyP50Us", "median request latency as recorded by the workload (HdrHistogram)");
    d.put("latencyP99Us", "99th percentile request latency as recorded by the workload");
    d.put("serverMaxInFlight", "most requests the fare server worked on at once during the run");
    d.put("idealRequestPhaseMs", "ceil(days / effective concurrency) x (mean service time + the "
        + "network's mean added round trip + one payload at the downstream bandwidth): the request "
        + "phase if nothing but the server and the shaped network cost anything");
    d.put("requestPhaseVsIdeal", "median requestPhaseMs / idealRequestPhaseMs (1.0 = no overhead)");
    d.put("unrequestedResends", "requests the HTTP client re-sent on its own, summed over every "
        + "run of the model (ok or not): per run, the fare server's request count - (requested + "
        + "the workload's own retries), floored at 0. The JDK HttpClient silently repeats a GET "
        + "whose connection died before the first response byte; the workload never sees that "
        + "attempt fail, so it is not among the failed requests");
    d.put("statistics", "each figure is {n, median, min, max} over the model's ok runs");
    // Insertion order, not Map.copyOf: its iteration order changes from one JVM to the next, and
    // summary.json must not differ between two runs over the same data.
    return Collections.unmodifiableMap(d);
  }
}
