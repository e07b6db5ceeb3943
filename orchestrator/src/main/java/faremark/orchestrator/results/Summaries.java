package faremark.orchestrator.results;

import faremark.orchestrator.scenario.Estimates;
import faremark.orchestrator.scenario.Scenario;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@link Summary} of a results folder, from its raw data alone. */
public final class Summaries {
  private Summaries() {}

  public static Summary of(ExperimentData data) {
    Scenario scenario = data.scenario();
    Map<String, Double> ideals = new LinkedHashMap<>();
    for (String model : data.measuredModels()) {
      Estimates.requestPhase(scenario, model).ifPresent(d -> ideals.put(model, d.toNanos() / 1e6));
    }
    List<RunRecord> records = data.runs().stream().map(RunData::record).toList();
    Summary summary = SummaryBuilder.build(
        scenario.name(), data.startedAt(), data.endedAt(), data.backend(), data.interrupted(),
        data.measuredModels(), records, ideals, data.preflightFailed());
    return summary.with(FirstUseAnalysis.of(data), scenario.warmup())
        .withLatencyMerged(MergedLatency.byModel(data.measuredModels(), data.runs()));
  }
}
