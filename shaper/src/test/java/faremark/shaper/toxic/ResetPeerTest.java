package faremark.shaper.toxic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ResetPeerTest {
  @Test
  void resetsTimeoutAfterTheFirstDataAndDropsIt() throws InterruptedException {
    try (StageHarness harness = new StageHarness(new ResetPeer(150)::newStage)) {
      Thread.sleep(200);
      assertThat(harness.resets).as("nothing happens before data arrives").isZero();
      long sent = harness.elapsed();
      harness.send("dropped");
      harness.send("too");
      await().atMost(Duration.ofSeconds(5)).until(() -> harness.resets == 1);
      assertThat(harness.elapsed() - sent).isGreaterThanOrEqualTo(145L);
      assertThat(harness.out).isEmpty();
    }
  }

  @Test
  void theEndOfStreamAlsoArmsIt() {
    try (StageHarness harness = new StageHarness(new ResetPeer(0)::newStage)) {
      harness.end();
      await().atMost(Duration.ofSeconds(5)).until(() -> harness.resets == 1);
    }
  }
}
