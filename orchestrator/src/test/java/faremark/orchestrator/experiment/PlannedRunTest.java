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
  void thePlanCannotBeChanged() {
    assertThat(PlannedRun.interleave(List.of("sequential"), 2)).isUnmodifiable();
  }
}
