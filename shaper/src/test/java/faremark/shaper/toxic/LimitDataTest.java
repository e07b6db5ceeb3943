package faremark.shaper.toxic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LimitDataTest {
  @Test
  void passesThatManyBytesThenEnds() {
    try (StageHarness harness = new StageHarness(new LimitData(7)::newStage)) {
      harness.send("abcd");
      assertThat(harness.ended()).isFalse();
      harness.send("efghij");
      assertThat(harness.received()).isEqualTo("abcdefg");
      assertThat(harness.ended()).isTrue();
      harness.send("more");
      assertThat(harness.received()).isEqualTo("abcdefg");
      assertThat(harness.out.stream().filter(StageHarness.Out::end)).hasSize(1);
    }
  }

  @Test
  void zeroClosesOnTheFirstChunk() {
    try (StageHarness harness = new StageHarness(new LimitData(0)::newStage)) {
      assertThat(harness.ended()).isFalse();
      harness.send("x");
      assertThat(harness.received()).isEmpty();
      assertThat(harness.ended()).isTrue();
    }
  }

  @Test
  void theCountSurvivesAnUpdate() {
    try (StageHarness harness = new StageHarness(new LimitData(5)::newStage)) {
      harness.send("abc");
      Stage successor = harness.call(() -> new LimitData(6).newStage(harness));
      harness.run(
          () -> {
            successor.next(harness.stage.next());
            harness.stage.handOver(successor);
            successor.onData(io.netty.buffer.Unpooled.copiedBuffer("defgh", java.nio.charset.StandardCharsets.UTF_8));
          });
      assertThat(harness.received()).isEqualTo("abcdef");
      assertThat(harness.ended()).isTrue();
    }
  }
}
