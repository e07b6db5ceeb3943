package faremark.orchestrator.experiment;

import faremark.orchestrator.results.ExperimentData;
import faremark.orchestrator.results.RunData;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The runs an experiment planned that its folder has no record of: what an interruption cost. */
public final class MissingRuns {
  private MissingRuns() {}

  /**
   * Planned run ids (every measured model × repetition, and in a sweep × point × heap variant, in
   * run order) without a {@code run.json}; empty for a complete folder.
   */
  public static List<String> of(ExperimentData data) {
    Set<String> recorded =
        data.runs().stream().map(r -> r.record().runId()).collect(Collectors.toSet());
    List<PlannedRun> planned = data.scenario().sweep().isPresent()
        ? SweepPlan.runs(data.scenario(), data.measuredModels())
        : PlannedRun.interleave(data.measuredModels(), data.scenario().repetitions());
    return planned.stream().map(PlannedRun::runId).filter(id -> !recorded.contains(id)).toList();
  }
}
