package faremark.orchestrator.experiment;

import faremark.orchestrator.scenario.Scenario;
import faremark.orchestrator.scenario.Sweep;
import java.time.Duration;
import java.util.List;

/**
 * What {@code validate} says of a scenario's plan before anything runs: how many runs, how they
 * are made up (points × models × repetitions in a sweep) and how long they should take.
 */
public final class PlanSummary {
  private PlanSummary() {}

  /** The measured runs' count and make-up, e.g. {@code 5 points × 3 models × 6 repetitions = 90 runs}. */
  public static String describe(Scenario s) {
    List<PlannedRun> plan = PlannedRun.of(s);
    if (s.sweep().isEmpty()) {
      return s.models().size() + " models × " + s.repetitions() + " repetitions = " + plan.size()
          + " runs";
    }
    Sweep sw = s.sweep().get();
    int java = (int) s.models().stream().filter(m -> s.heapVariants(m).size() > 1).count();
    String heaps = sw.javaHeap().size() == 1 ? "" : " (the " + java + " Java models × "
        + sw.javaHeap().size() + " heap variants " + String.join(", ", sw.javaHeap()) + ")";
    return sw.points() + " points × " + s.models().size() + " models" + heaps + " × "
        + s.repetitions() + " repetitions = " + plan.size() + " runs, order " + sw.order().id()
        + " (seed " + sw.seed() + ")";
  }

  /** The plan's estimated duration: request phases at each point plus a start-up guess per run. */
  public static Duration estimate(Scenario s) {
    return Eta.total(PlannedRun.of(s), s);
  }

  /** The guess per run for start-up and shutdown that {@link #estimate} adds. */
  public static Duration overheadPerRun() {
    return Eta.DEFAULT_OVERHEAD;
  }
}
