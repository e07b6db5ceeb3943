package faremark.shaper.toxic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BandwidthTest {
  @Test
  void kilobyteIsAThousandBytes() {
    // Toxiproxy: sleep = len * 1ms / rate, so rate is bytes per millisecond.
    assertThat(new Bandwidth(100).transmitNanos(1000)).isEqualTo(10_000_000L);
    assertThat(new Bandwidth(1).transmitNanos(1)).isEqualTo(1_000_000L);
  }

  @Test
  void largeChunksLeaveIn100MillisecondSlicesAtTheRate() {
    // 1 KB/s: 100 ms worth is 100 bytes; 300 bytes leave as three slices over about 300 ms.
    try (StageHarness harness = new StageHarness(new Bandwidth(1)::newStage)) {
      long sent = harness.elapsed();
      harness.send("x".repeat(300));
      await().atMost(Duration.ofSeconds(5)).until(() -> harness.received().length() == 300);
      assertThat(harness.out).hasSize(3).allSatisfy(o -> assertThat(o.data()).hasSize(100));
      assertThat(harness.out.get(0).atMillis() - sent).isBetween(95L, 1500L);
      assertThat(harness.out.get(2).atMillis() - sent).isBetween(295L, 3000L);
    }
  }

  @Test
  void rateZeroIsUnthrottled() {
    try (StageHarness harness = new StageHarness(new Bandwidth(0)::newStage)) {
      harness.send("free");
      assertThat(harness.received()).isEqualTo("free");
    }
  }
}
