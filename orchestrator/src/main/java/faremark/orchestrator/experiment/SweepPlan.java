package faremark.orchestrator.experiment;

import faremark.orchestrator.scenario.Scenario;
import faremark.orchestrator.scenario.Sweep;
import faremark.orchestrator.scenario.SweepOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The runs of a sweep: points × models (× the Java models' heap variants) × repetitions, round by
 * round (every cell once per repetition), so a slow drift of the machine is spread over every
 * point instead of biasing the last ones. Within a round the cells go in scenario order ({@link
 * SweepOrder#INTERLEAVED}) or in an order drawn from the sweep's seed ({@link
 * SweepOrder#SHUFFLED}), one {@link Random} for the whole plan, so the same seed gives the same
 * plan.
 */
final class SweepPlan {
  private SweepPlan() {}

  static List<PlannedRun> runs(Scenario scenario, List<String> models) {
    Sweep sweep = scenario.sweep().orElseThrow();
    record Cell(String model, SweepCell cell) {}
    List<Cell> round = new ArrayList<>();
    for (int point = 0; point < sweep.points(); point++) {
      for (String model : models) {
        for (String heap : scenario.heapVariants(model)) {
          round.add(new Cell(model, SweepCell.of(sweep, point, heap)));
        }
      }
    }
    Random random = new Random(sweep.seed());
    List<PlannedRun> plan = new ArrayList<>();
    for (int rep = 1; rep <= scenario.repetitions(); rep++) {
      List<Cell> order = new ArrayList<>(round);
      if (sweep.order() == SweepOrder.SHUFFLED) {
        Collections.shuffle(order, random);
      }
      for (Cell c : order) {
        plan.add(new PlannedRun(plan.size() + 1, c.model(), rep, false, c.cell()));
      }
    }
    return List.copyOf(plan);
  }
}
