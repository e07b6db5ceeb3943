package faremark.orchestrator.results;

import faremark.orchestrator.scenario.Scenario;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A whole results folder read back from raw data: everything summaries and reports are derived
 * from. Nothing here was computed from another summary.
 *
 * @param scenario the resolved scenario as run ({@code scenario.resolved.yaml})
 * @param scenarioTree the same file as a generic tree, so sections added later show up in the
 *     report without report changes
 * @param environment {@code environment.json} as written
 * @param runs every run folder with a {@code run.json}, in run order
 * @param skipped models of the scenario as written that could not run on this machine, with why
 *     ({@code python.json}'s {@code skipped}; empty without that file)
 * @param preflightFailed models of the scenario that failed their pre-flight and were not run,
 *     with why ({@code preflight.json}'s {@code skipped})
 * @param firstUseRuns the first-use reference runs ({@code first-use/}, {@code run.firstUse}), in
 *     run order; empty without them. Never part of {@code runs} or of any figure computed from it
 */
public record ExperimentData(
    Path dir,
    Scenario scenario,
    Map<String, Object> scenarioTree,
    Map<String, Object> environment,
    List<RunData> runs,
    Map<String, String> skipped,
    Map<String, String> preflightFailed,
    List<RunData> firstUseRuns) {

  public ExperimentData {
    runs = List.copyOf(runs);
    skipped = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(skipped));
    preflightFailed =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(preflightFailed));
    firstUseRuns = List.copyOf(firstUseRuns);
  }

  /** A folder without pre-flight failures or first-use reference runs. */
  public ExperimentData(Path dir, Scenario scenario, Map<String, Object> scenarioTree,
      Map<String, Object> environment, List<RunData> runs, Map<String, String> skipped) {
    this(dir, scenario, scenarioTree, environment, runs, skipped, Map.of(), List.of());
  }

  /** Every model not run, with why: not runnable on this machine, then failed pre-flights. */
  public Map<String, String> notRun() {
    Map<String, String> all = new java.util.LinkedHashMap<>(skipped);
    all.putAll(preflightFailed);
    return all;
  }

  /** The scenario's models that were meant to be measured: all but the failed pre-flights. */
  public List<String> measuredModels() {
    return scenario.models().stream().filter(m -> !preflightFailed.containsKey(m)).toList();
  }

  /**
   * Runs the experiment planned: every measured model × repetitions, and in a sweep × points ×
   * the Java models' heap variants.
   */
  public int plannedRuns() {
    return scenario.runCount(measuredModels());
  }

  public Instant startedAt() {
    Object at = environment.get("startedAt");
    return at == null ? firstLaunch() : Instant.parse(at.toString());
  }

  /**
   * When the last run's process ended: launch + process wall time of the latest run. Teardown
   * after it (stopping the fare server) is not counted; the live runner writes its summary through
   * the same code, so the two never differ.
   */
  public Instant endedAt() {
    Instant end = startedAt();
    for (RunData run : java.util.stream.Stream.concat(runs.stream(), firstUseRuns.stream()).toList()) {
      var r = run.record();
      if (r.launchedAt() == null) {
        continue;
      }
      Instant e = r.launchedAt().plusNanos(Math.round((r.processWallMs() == null ? 0 : r.processWallMs()) * 1e6));
      if (e.isAfter(end)) {
        end = e;
      }
    }
    return end;
  }

  /** A run ended by Ctrl-C, or fewer runs than the scenario plans: the experiment was cut short. */
  public boolean interrupted() {
    return runs.size() < plannedRuns()
        || firstUseRuns.size() < measuredModels().size() * scenario.firstUseRuns()
        || runs.stream().anyMatch(r -> r.record().outcome() == Outcome.INTERRUPTED)
        || firstUseRuns.stream().anyMatch(r -> r.record().outcome() == Outcome.INTERRUPTED);
  }

  public String backend() {
    Object b = environment.get("backend");
    return b == null ? "unknown" : b.toString();
  }

  private Instant firstLaunch() {
    return runs.stream().map(r -> r.record().launchedAt()).filter(java.util.Objects::nonNull)
        .min(Instant::compareTo).orElse(Instant.EPOCH);
  }
}
