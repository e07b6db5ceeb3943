package faremark.orchestrator.scenario;

import static faremark.orchestrator.scenario.ScenarioDefaults.FIRST_USE_RUNS;
import static faremark.orchestrator.scenario.ScenarioDefaults.MIN_FIRST_USE_RUNS;
import static faremark.orchestrator.scenario.ScenarioDefaults.MIN_WARMUP;
import static faremark.orchestrator.scenario.ScenarioDefaults.WARMUP;

import faremark.orchestrator.scenario.ScenarioDocument.RunSection;

/**
 * Binds {@code run.warmup} and {@code run.firstUse} (kept out of {@link ScenarioBinder}, which is
 * full): the two ways a scenario separates the runtime's first use from the request phase. They
 * exclude each other: first-use reference runs are set against cold measured runs.
 */
final class WarmupBinder {
  record Bound(int warmup, int firstUseRuns) {}

  private final LocatedProblems at;

  WarmupBinder(LocatedProblems at) {
    this.at = at;
  }

  Bound bind(RunSection s) {
    int warmup = atLeast("run.warmup", s.warmup(), WARMUP, MIN_WARMUP,
        " (0 = none: the request phase includes the runtime's first use)");
    Integer given = s.firstUse() == null ? null : s.firstUse().runs();
    if (s.firstUse() != null && given == null) {
      at.atValue("run.firstUse", "expected {runs: N}, N reference runs per model; got no runs");
    }
    int runs = atLeast("run.firstUse.runs", given, FIRST_USE_RUNS, MIN_FIRST_USE_RUNS,
        " (0 = no first-use reference runs)");
    if (warmup > 0 && runs > 0) {
      at.atValue("run.firstUse.runs", "first-use reference runs are set against cold measured"
          + " runs, so they need run.warmup 0; got run.warmup " + warmup);
      runs = 0;
    }
    return new Bound(Math.max(warmup, 0), Math.max(runs, 0));
  }

  private int atLeast(String path, Integer given, int dflt, int min, String meaning) {
    if (given == null) {
      return dflt;
    }
    if (given < min) {
      at.atValue(path, "expected a whole number >= " + min + meaning + "; got "
          + at.found(path, given.toString()));
      return dflt;
    }
    return given;
  }
}
