package faremark.orchestrator.results;

import faremark.orchestrator.results.FirstUseSummary.Estimate;
import faremark.orchestrator.results.FirstUseSummary.ModelFirstUse;
import faremark.orchestrator.scenario.ScenarioDefaults;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Sets each model's measured (cold) request phases against its first-use reference runs (warm):
 * the {@link FirstUseSummary} of a results folder, from its raw data alone. Only ok runs count;
 * a reference run that did not make its warm-up pass was measured cold and is left out of the
 * warm figure, and counted as such.
 */
public final class FirstUseAnalysis {
  private FirstUseAnalysis() {}

  /** Null when the experiment has no reference runs and planned none. */
  public static FirstUseSummary of(ExperimentData data) {
    int planned = data.scenario().firstUseRuns();
    if (planned == 0 && data.firstUseRuns().isEmpty()) {
      return null;
    }
    List<ModelFirstUse> models = new ArrayList<>();
    for (String model : data.scenario().models()) {
      models.add(model(model, records(data.runs(), model), records(data.firstUseRuns(), model)));
    }
    return new FirstUseSummary(planned, ScenarioDefaults.FIRST_USE_WARMUP,
        FirstUseSummary.DEFINITIONS, models);
  }

  static ModelFirstUse model(String model, List<RunRecord> measured, List<RunRecord> references) {
    List<RunRecord> cold = measured.stream().filter(r -> r.outcome().ok()).toList();
    List<RunRecord> okReferences = references.stream().filter(r -> r.outcome().ok()).toList();
    List<RunRecord> warm = okReferences.stream().filter(RunRecord::warmupDone).toList();
    int notDone = okReferences.size() - warm.size();
    List<Double> coldMs = values(cold, RunRecord::requestPhaseMs);
    List<Double> warmMs = values(warm, RunRecord::requestPhaseMs);
    Estimate coldEstimate = Estimate.of(coldMs);
    Estimate warmEstimate = Estimate.of(warmMs);
    Double firstUse = null;
    Double low = null;
    Double high = null;
    Double coverage = null;
    Double share = null;
    Boolean distinguishable = null;
    Boolean overlap = null;
    if (coldEstimate != null && warmEstimate != null) {
      firstUse = coldEstimate.median() - warmEstimate.median();
      DistributionFree.Interval shift = DistributionFree.shift(coldMs, warmMs);
      low = shift.low();
      high = shift.high();
      coverage = FirstUseSummary.round(shift.coverage());
      share = coldEstimate.median() > 0 ? FirstUseSummary.round(firstUse / coldEstimate.median()) : null;
      distinguishable = !shift.contains(0);
      overlap = coldEstimate.interval().overlaps(warmEstimate.interval());
    }
    return new ModelFirstUse(model, coldEstimate, warmEstimate, firstUse, low, high, coverage, share,
        distinguishable, overlap,
        Estimate.of(values(cold, r -> r.cpu() == null ? null : toDouble(r.cpu().requestPhaseMs()))),
        Estimate.of(values(warm, r -> r.cpu() == null ? null : toDouble(r.cpu().requestPhaseMs()))),
        references.size(), warm.size(), notDone, note(cold, references, okReferences, warm, notDone));
  }

  private static String note(List<RunRecord> cold, List<RunRecord> references,
      List<RunRecord> okReferences, List<RunRecord> warm, int notDone) {
    List<String> why = new ArrayList<>();
    if (cold.isEmpty()) {
      why.add("no ok measured run");
    }
    if (references.isEmpty()) {
      why.add("no reference run was recorded");
    } else if (okReferences.isEmpty()) {
      why.add("no reference run was ok (" + references.stream()
          .map(r -> r.runId() + " " + r.outcome().id()).collect(java.util.stream.Collectors.joining(", ")) + ")");
    }
    if (notDone > 0) {
      why.add(notDone + " ok reference run(s) reported no warm-up pass (the model does not read"
          + " the spec's warmup) and were measured cold: not counted as warm");
    }
    List<String> notOk = references.stream().filter(r -> !r.outcome().ok())
        .map(r -> r.runId() + " " + r.outcome().id()).toList();
    if (!notOk.isEmpty() && !okReferences.isEmpty()) {
      why.add(notOk.size() + " reference run(s) not ok, left out (" + String.join(", ", notOk) + ")");
    }
    return why.isEmpty() ? null : String.join("; ", why);
  }

  private static List<RunRecord> records(List<RunData> runs, String model) {
    return runs.stream().map(RunData::record).filter(r -> r.model().equals(model)).toList();
  }

  private static List<Double> values(List<RunRecord> runs, Function<RunRecord, Double> f) {
    return runs.stream().map(f).filter(Objects::nonNull).toList();
  }

  private static Double toDouble(Long v) {
    return v == null ? null : v.doubleValue();
  }
}
