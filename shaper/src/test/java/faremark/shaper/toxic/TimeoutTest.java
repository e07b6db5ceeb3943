package faremark.shaper.toxic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeoutTest {
  @Test
  void holdsDataThenClosesWithoutIt() {
    try (StageHarness harness = new StageHarness(new Timeout(150)::newStage)) {
      harness.send("never");
      assertThat(harness.held).isEqualTo(5);
      await().atMost(Duration.ofSeconds(5)).until(harness::ended);
      assertThat(harness.received()).isEmpty();
      assertThat(harness.out.get(0).atMillis()).isGreaterThanOrEqualTo(145L);
      assertThat(harness.held).isZero();
    }
  }

  @Test
  void zeroNeverCloses() throws InterruptedException {
    try (StageHarness harness = new StageHarness(new Timeout(0)::newStage)) {
      harness.send("held");
      harness.end();
      Thread.sleep(200);
      assertThat(harness.out).isEmpty();
    }
  }

  @Test
  void removalLetsHeldDataAndTheEndThrough() {
    try (StageHarness harness = new StageHarness(new Timeout(0)::newStage)) {
      harness.send("held");
      harness.end();
      harness.run(harness.stage::drain);
      assertThat(harness.received()).isEqualTo("held");
      assertThat(harness.ended()).isTrue();
      assertThat(harness.held).isZero();
    }
  }
}
