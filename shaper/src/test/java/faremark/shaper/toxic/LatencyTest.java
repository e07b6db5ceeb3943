package faremark.shaper.toxic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatencyTest {
  @Test
  void delaysEachChunkByTheLatency() {
    try (StageHarness harness = new StageHarness(new Latency(150, 0)::newStage)) {
      long sent = harness.elapsed();
      harness.send("a");
      assertThat(harness.held).isEqualTo(1);
      await().atMost(Duration.ofSeconds(5)).until(() -> harness.out.size() == 1);
      assertThat(harness.out.get(0).atMillis() - sent).isBetween(145L, 2000L);
      assertThat(harness.held).isZero();
    }
  }

  @Test
  void keepsOrderWithJitterAndTheEndComesLast() {
    try (StageHarness harness = new StageHarness(new Latency(30, 25)::newStage)) {
      for (int i = 0; i < 50; i++) {
        harness.send(Integer.toString(i % 10));
      }
      harness.end();
      await().atMost(Duration.ofSeconds(5)).until(harness::ended);
      assertThat(harness.received()).isEqualTo("01234567890123456789012345678901234567890123456789");
      assertThat(harness.out.get(harness.out.size() - 1).end()).isTrue();
    }
  }

  @Test
  void jitterDrawsWithinLatencyPlusMinusJitter() {
    Latency latency = new Latency(100, 20);
    for (int i = 0; i < 1000; i++) {
      assertThat(latency.delayNanos()).isBetween(80_000_000L, 119_000_000L);
    }
    assertThat(new Latency(5, 50).delayNanos()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void removalFlushesHeldDataAtOnce() {
    try (StageHarness harness = new StageHarness(new Latency(10_000, 0)::newStage)) {
      harness.send("held");
      harness.end();
      harness.run(harness.stage::drain);
      assertThat(harness.received()).isEqualTo("held");
      assertThat(harness.ended()).isTrue();
      assertThat(harness.held).isZero();
    }
  }

  @Test
  void attributesKeepUnsetFieldsOnUpdate() {
    Latency current = new Latency(100, 10);
    var update =
        Attributes.of("latency", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
            .objectNode().put("latency", 200));
    assertThat(ToxicCatalog.update(current, update)).isEqualTo(new Latency(200, 10));
    assertThat(current.attributes()).containsExactly(
        java.util.Map.entry("latency", 100L), java.util.Map.entry("jitter", 10L));
  }
}
