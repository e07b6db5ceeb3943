package faremark.orchestrator.results;

import com.fasterxml.jackson.databind.JsonNode;
import faremark.contract.Json;
import faremark.contract.LatencySummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** Builds the {@link Summary} from run records alone, so a report can be regenerated from raw data. */
public final class SummaryBuilder {

  private SummaryBuilder() {}

  public static Summary build(
      String scenario,
      Instant startedAt,
      Instant endedAt,
      String backend,
      boolean interrupted,
      List<String> modelOrder,
      List<RunRecord> runs,
      Map<String, Double> idealRequestPhaseMs) {
    return build(scenario, startedAt, endedAt, backend, interrupted, modelOrder, runs,
        idealRequestPhaseMs, Map.of());
  }

  /** @param preflightFailed models not run because their pre-flight failed, with why */
  public static Summary build(
      String scenario,
      Instant startedAt,
      Instant endedAt,
      String backend,
      boolean interrupted,
      List<String> modelOrder,
      List<RunRecord> runs,
      Map<String, Double> idealRequestPhaseMs,
      Map<String, String> preflightFailed) {
    Map<String, List<RunRecord>> byModel = new LinkedHashMap<>();
    for (String model : modelOrder) {
      byModel.put(model, new ArrayList<>());
    }
    for (RunRecord run : runs) {
      byModel.computeIfAbsent(run.model(), m -> new ArrayList<>()).add(run);
    }
    List<ModelSummary> models = new ArrayList<>();
    for (Map.Entry<String, List<RunRecord>> e : byModel.entrySet()) {
      models.add(model(e.getKey(), e.getValue(), idealRequestPhaseMs.get(e.getKey())));
    }
    String memorySource =
        runs.stream()
            .map(r -> r.memory() == null ? null : r.memory().source())
            .filter(Objects::nonNull)
            .distinct()
            .reduce((a, b) -> a + "+" + b)
            .orElse("none");
    int ok = (int) runs.stream().filter(r -> r.outcome().ok()).count();
    Map<String, String> definitions = Summary.DEFINITIONS;
    if (models.stream().anyMatch(m -> m.requestPhaseCpuMs() != null)) {
      definitions = new LinkedHashMap<>(Summary.DEFINITIONS);
      definitions.put("requestPhaseCpuMs", Summary.OPTIONAL_DEFINITIONS.get("requestPhaseCpuMs"));
      definitions = java.util.Collections.unmodifiableMap(definitions);
    }
    return new Summary(
        scenario, startedAt, endedAt, backend, memorySource, interrupted, runs.size(), ok, models,
        preflightFailed, definitions, null, null);
  }

  private static ModelSummary model(String model, List<RunRecord> runs, Double idealMs) {
    List<RunRecord> ok = runs.stream().filter(r -> r.outcome().ok()).toList();
    Map<String, Integer> outcomes = new TreeMap<>();
    for (RunRecord r : runs) {
      outcomes.merge(r.outcome().id(), 1, Integer::sum);
    }
    Stat phase = stat(ok, RunRecord::requestPhaseMs);
    Double ratio =
        idealMs == null || phase == null || idealMs <= 0 ? null : phase.median() / idealMs;
    return new ModelSummary(
        model,
        runs.size(),
        ok.size(),
        outcomes,
        !runs.isEmpty() && runs.stream().allMatch(r -> r.verification() != null && r.verification().verified()),
        phase,
        stat(ok, RunRecord::processWallMs),
        stat(ok, r -> r.memory().peakBytes()),
        stat(ok, r -> r.memory().baselineBytes()),
        stat(ok, r -> r.memory().peakAboveBaselineBytes()),
        stat(ok, r -> r.memory().phasePeakBytes()),
        stat(ok, r -> r.memory().anonPeakBytes()),
        stat(ok, r -> r.memory().cpuMillis()),
        stat(ok, r -> latencyUs(r, LatencySummary::p50Us)),
        stat(ok, r -> latencyUs(r, LatencySummary::p99Us)),
        stat(ok, SummaryBuilder::serverMaxInFlight),
        idealMs,
        ratio,
        unrequestedResends(runs),
        stat(ok, r -> r.cpu() == null ? null : r.cpu().requestPhaseMs()));
  }

  /** Summed over every run, not only ok ones: a re-send hides a failure whatever became of the run. */
  public static Long unrequestedResends(List<RunRecord> runs) {
    List<Long> known = runs.stream().map(RunRecord::unrequestedResends).filter(Objects::nonNull).toList();
    return known.isEmpty() ? null : known.stream().mapToLong(Long::longValue).sum();
  }

  private static Stat stat(List<RunRecord> runs, Function<RunRecord, ? extends Number> f) {
    List<Number> values = new ArrayList<>();
    for (RunRecord r : runs) {
      values.add(f.apply(r));
    }
    return Stat.ofNullable(values);
  }

  /**
   * A latency figure, or null (unknown) where the workload gave none: the contract lets an
   * external model's {@code done} carry {@code "latency": null}, and its run may still be ok.
   */
  private static Long latencyUs(RunRecord run, ToLongFunction<LatencySummary> figure) {
    LatencySummary latency = run.result() == null ? null : run.result().latency();
    return latency == null ? null : figure.applyAsLong(latency);
  }

  private static Long serverMaxInFlight(RunRecord run) {
    if (run.server() == null) {
      return null;
    }
    JsonNode node = Json.mapper().valueToTree(run.server()).path("maxInFlightObserved");
    return node.isNumber() ? node.asLong() : null;
  }
}
