package faremark.shaper.toxic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlowCloseTest {
  @Test
  void dataPassesAtOnceTheEndAfterTheDelay() {
    try (StageHarness harness = new StageHarness(new SlowClose(200)::newStage)) {
      harness.send("now");
      assertThat(harness.received()).isEqualTo("now");
      long ended = harness.elapsed();
      harness.end();
      assertThat(harness.ended()).isFalse();
      await().atMost(Duration.ofSeconds(5)).until(harness::ended);
      assertThat(harness.out.get(1).atMillis() - ended).isBetween(195L, 2000L);
    }
  }

  @Test
  void removalPassesAPendingEndAtOnce() {
    try (StageHarness harness = new StageHarness(new SlowClose(60_000)::newStage)) {
      harness.end();
      harness.run(harness.stage::drain);
      assertThat(harness.ended()).isTrue();
    }
  }
}
