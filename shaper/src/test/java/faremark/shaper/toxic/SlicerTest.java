package faremark.shaper.toxic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlicerTest {
  @Test
  void cutsCoverTheChunkInPiecesNearTheAverage() {
    Slicer slicer = new Slicer(100, 20, 0);
    for (int run = 0; run < 100; run++) {
      List<Integer> cuts = slicer.cuts(0, 5000);
      assertThat(cuts.get(cuts.size() - 1)).isEqualTo(5000);
      int from = 0;
      for (int to : cuts) {
        assertThat(to - from).isBetween(1, 120);
        from = to;
      }
    }
  }

  @Test
  void zeroVariationSplitsInTheMiddleAndNeverLoops() {
    assertThat(new Slicer(10, 0, 0).cuts(0, 40)).containsExactly(10, 20, 30, 40);
    assertThat(new Slicer(0, 0, 0).cuts(0, 3)).containsExactly(1, 2, 3);
    assertThat(new Slicer(100, 0, 0).cuts(0, 50)).containsExactly(50);
  }

  @Test
  void piecesLeaveDelayMicrosecondsApart() {
    // 80 bytes halve into 8 pieces of 10, 20 ms apart: the last leaves about 140 ms after the first.
    try (StageHarness harness = new StageHarness(new Slicer(10, 0, 20_000)::newStage)) {
      harness.send("x".repeat(80));
      harness.end();
      await().atMost(Duration.ofSeconds(5)).until(harness::ended);
      assertThat(harness.received()).hasSize(80);
      List<StageHarness.Out> pieces = harness.out.stream().filter(o -> !o.end()).toList();
      assertThat(pieces).hasSize(8).allSatisfy(o -> assertThat(o.data()).hasSize(10));
      assertThat(pieces.get(7).atMillis() - pieces.get(0).atMillis()).isBetween(135L, 3000L);
      assertThat(harness.held).isZero();
    }
  }
}
