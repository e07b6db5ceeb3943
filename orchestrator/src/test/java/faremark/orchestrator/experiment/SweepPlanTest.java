package faremark.orchestrator.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.scenario.Scenario;
import faremark.orchestrator.scenario.ScenarioLoader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A sweep's plan: every cell once per round, in scenario or seeded order, ids with the point. */
class SweepPlanTest {
  private static Scenario sweep(String order) throws Exception {
    return ScenarioLoader.parse("""
        job: {days: 5}
        models: [async, py-asyncio]
        repetitions: 2
        sweep: {parameter: client.concurrency, values: [1, 10, 100], order: %s, seed: 3,
                javaHeap: [default, 512MiB]}
        """.formatted(order), "plan.yaml", Optional.empty());
  }

  @Test
  void interleavedGoesRoundByRoundPointByPoint() throws Exception {
    Scenario s = sweep("interleaved");
    List<PlannedRun> plan = PlannedRun.of(s);
    // per point: async twice (two heaps), py-asyncio once; 3 points; 2 rounds
    assertThat(plan).hasSize(3 * 3 * 2).hasSize(s.runCount());
    assertThat(plan.subList(0, 4)).extracting(PlannedRun::runId).containsExactly(
        "001-async-c1-r1", "002-async-c1-heap512mib-r1", "003-py-asyncio-c1-r1", "004-async-c10-r1");
    assertThat(plan.get(9).repetition()).isEqualTo(2);
    assertThat(plan.get(9).cell()).isEqualTo(plan.get(0).cell());
    assertThat(plan.get(8).scenario(s).job().days()).as("grown to one request per slot").isEqualTo(100);
    assertThat(PlannedRun.daysNeeded(s)).isEqualTo(100);
  }

  @Test
  void shuffledIsTheSameForTheSameSeedAndKeepsEveryCellOncePerRound() throws Exception {
    List<PlannedRun> a = PlannedRun.of(sweep("shuffled"));
    List<PlannedRun> b = PlannedRun.of(sweep("shuffled"));
    assertThat(a).isEqualTo(b);
    List<PlannedRun> interleaved = PlannedRun.of(sweep("interleaved"));
    assertThat(a).extracting(PlannedRun::cell).isNotEqualTo(
        interleaved.stream().map(PlannedRun::cell).toList());
    for (int round = 0; round < 2; round++) {
      List<String> cells = a.subList(round * 9, round * 9 + 9).stream()
          .map(r -> r.model() + r.cell().label()).sorted().toList();
      List<String> expected = interleaved.subList(0, 9).stream()
          .map(r -> r.model() + r.cell().label()).sorted().toList();
      assertThat(cells).isEqualTo(expected);
      assertThat(a.subList(round * 9, round * 9 + 9)).allMatch(r -> r.repetition() == 1 + (r.index() - 1) / 9);
    }
  }

  @Test
  void thePlanSummarySaysPointsModelsAndRepetitionsAndAnEstimate() throws Exception {
    Scenario s = sweep("interleaved");
    assertThat(PlanSummary.describe(s)).startsWith("3 points × 2 models (the 1 Java models × 2 heap"
        + " variants default, 512MiB) × 2 repetitions = 18 runs, order interleaved (seed 3)");
    // 290 ms per wave: 5 days at 1 in flight = 5 waves, else 1 wave; plus 1 s per run
    assertThat(PlanSummary.estimate(s).toMillis()).isEqualTo(
        2 * 3 * (5 * 290 + 1000) + 2 * 3 * 2 * (290 + 1000));
  }
}
