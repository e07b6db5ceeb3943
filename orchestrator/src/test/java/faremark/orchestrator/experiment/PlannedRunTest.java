package faremark.orchestrator.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlannedRunTest {

  @Test
  void interleavesRepetitionOneOfEveryModelBeforeRepetitionTwo() {
    List<PlannedRun> plan = PlannedRun.interleave(List.of("sequential", "thread-pool", "async"), 2);

    assertThat(plan).containsExactly(
        new PlannedRun(1, "sequential", 1),
        new PlannedRun(2, "thread-pool", 1),
        new PlannedRun(3, "async", 1),
        new PlannedRun(4, "sequential", 2),
        new PlannedRun(5, "thread-pool", 2),
        new PlannedRun(6, "async", 2));
  }

  @Test
  void runIdIsTheZeroPaddedIndexModelAndRepetition() {
    assertThat(new PlannedRun(1, "sequential", 1).runId()).isEqualTo("001-sequential-r1");
    assertThat(new PlannedRun(42, "py-asyncio", 3).runId()).isEqualTo("042-py-asyncio-r3");
    assertThat(new PlannedRun(1234, "async", 12).runId()).isEqualTo("1234-async-r12");
  }

  @Test
  void runIdsSortInRunOrder() {
    List<String> ids = PlannedRun.interleave(List.of("b", "a"), 6).stream().map(PlannedRun::runId).toList();

    assertThat(ids).isSorted().doesNotHaveDuplicates().hasSize(12);
  }

  @Test
  void noModelsOrNoRepetitionsPlanNothing() {
    assertThat(PlannedRun.interleave(List.of(), 3)).isEmpty();
    assertThat(PlannedRun.interleave(List.of("sequential"), 0)).isEmpty();
  }

  @Test
  void firstUseReferenceRoundsAreSpreadAmongTheMeasuredOnes() {
    List<PlannedRun> plan = PlannedRun.interleave(List.of("async", "py-asyncio"), 3, 6);

    assertThat(plan).hasSize(18);
    // measured rounds at 0, 3 and 6 of 9: M W W M W W M W W
    assertThat(plan.stream().map(r -> r.reference() ? "W" : "M").toList())
        .containsExactly("M", "M", "W", "W", "W", "W", "M", "M", "W", "W", "W", "W", "M", "M",
            "W", "W", "W", "W");
    assertThat(plan).filteredOn(PlannedRun::reference).extracting(PlannedRun::repetition)
        .containsExactly(1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6);
    assertThat(plan.get(2).runId()).isEqualTo("003-async-w1");
    assertThat(plan.get(6).runId()).isEqualTo("007-async-r2");
    assertThat(plan.stream().map(PlannedRun::index).toList()).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void withoutReferenceRunsThePlanIsAsBefore() {
    assertThat(PlannedRun.interleave(List.of("a", "b"), 3, 0))
        .isEqualTo(PlannedRun.interleave(List.of("a", "b"), 3))
        .noneMatch(PlannedRun::reference);
  }

  @Test
  void aReferenceRunWarmsUpOnceAndAMeasuredOneAsTheScenarioSays() throws Exception {
    var scenario = faremark.orchestrator.scenario.ScenarioLoader.parse(
        "models: [async]\nrun: {firstUse: {runs: 1}}\n", "p.yaml", java.util.Optional.empty());
    var target = java.net.URI.create("http://127.0.0.1:1");
    List<PlannedRun> plan = PlannedRun.of(scenario);
    assertThat(plan).hasSize(4); // 3 repetitions, 1 reference round
    assertThat(plan.get(0).spec(scenario, target).warmup()).isZero();
    assertThat(plan).filteredOn(PlannedRun::reference).singleElement()
        .satisfies(r -> assertThat(r.spec(scenario, target).warmup()).isEqualTo(1));
  }

  @Test
  void thePlanCannotBeChanged() {
    assertThat(PlannedRun.interleave(List.of("sequential"), 2)).isUnmodifiable();
  }
}
