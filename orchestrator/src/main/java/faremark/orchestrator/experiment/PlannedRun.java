package faremark.orchestrator.experiment;

import faremark.contract.WorkloadSpec;
import faremark.orchestrator.scenario.Scenario;
import faremark.orchestrator.scenario.ScenarioDefaults;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One model × repetition, in experiment order: a measured run, or a first-use reference run
 * ({@code run.firstUse}) that is recorded apart and never counted in the measured figures.
 *
 * @param index 1-based position in the experiment (measured and reference runs alike)
 * @param repetition 1-based repetition of this model, counted within its kind
 * @param reference a first-use reference run: the same job after one warm-up pass
 * @param cell where the run sits in the scenario's sweep; null outside a sweep
 */
public record PlannedRun(int index, String model, int repetition, boolean reference, SweepCell cell) {

  /** A measured run. */
  public PlannedRun(int index, String model, int repetition) {
    this(index, model, repetition, false, null);
  }

  /** A run outside a sweep. */
  public PlannedRun(int index, String model, int repetition, boolean reference) {
    this(index, model, repetition, reference, null);
  }

  /** The scenario this run runs: the sweep's point (and heap variant), or {@code s} itself. */
  public Scenario scenario(Scenario s) {
    return cell == null ? s : s.atPoint(cell.point(), cell.heap());
  }

  /**
   * Folder name under {@code runs/} ({@code 001-async-r1}) or, for a reference run, under {@code
   * first-use/} ({@code 002-async-w1}, w for warm): sorts in run order.
   */
  public String runId() {
    String at = cell == null ? "" : cell.label() + "-";
    return String.format(Locale.ROOT, "%03d-%s-%s%s%d", index, model, at, reference ? "w" : "r", repetition);
  }

  /** What the workload is asked to do: the scenario's job; a reference run warms up first. */
  public WorkloadSpec spec(Scenario scenario, URI target) {
    WorkloadSpec spec = scenario.workloadSpec(model, target);
    return reference ? spec.withWarmup(ScenarioDefaults.FIRST_USE_WARMUP) : spec;
  }

  /**
   * Interleaved: repetition 1 of every model, then repetition 2, ... so a slow drift of the
   * machine (thermal, noisy neighbours) spreads over all models instead of biasing the last one.
   */
  public static List<PlannedRun> interleave(List<String> models, int repetitions) {
    return interleave(models, repetitions, 0);
  }

  /**
   * As {@link #interleave(List, int)}, with {@code references} rounds of first-use reference runs
   * spread evenly among the measured rounds (measured round k goes at ⌊k × all / measured⌋), so
   * that cold and warm runs see the same drift. Without reference runs the plan is as before.
   */
  public static List<PlannedRun> interleave(List<String> models, int repetitions, int references) {
    int rounds = repetitions + references;
    List<Boolean> measuredRound = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      measuredRound.add(false);
    }
    for (int k = 0; k < repetitions; k++) {
      measuredRound.set((int) ((long) k * rounds / repetitions), true);
    }
    List<PlannedRun> plan = new ArrayList<>();
    int measured = 0;
    int reference = 0;
    for (boolean isMeasured : measuredRound) {
      int rep = isMeasured ? ++measured : ++reference;
      for (String model : models) {
        plan.add(new PlannedRun(plan.size() + 1, model, rep, !isMeasured));
      }
    }
    return List.copyOf(plan);
  }

  /** The most days any run of the scenario asks for: a sweep's points may grow the job. */
  public static int daysNeeded(Scenario scenario) {
    return of(scenario).stream().mapToInt(r -> r.scenario(scenario).job().days())
        .max().orElse(scenario.job().days());
  }

  /** The scenario's whole plan: its measured runs and its first-use reference runs. */
  public static List<PlannedRun> of(Scenario scenario) {
    return of(scenario, scenario.models());
  }

  /** The plan for {@code models} only (those that passed the pre-flight), in scenario order. */
  public static List<PlannedRun> of(Scenario scenario, List<String> models) {
    if (scenario.sweep().isPresent()) {
      return SweepPlan.runs(scenario, models);
    }
    return interleave(models, scenario.repetitions(), scenario.firstUseRuns());
  }
}
