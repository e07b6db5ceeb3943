package faremark.shaper.toxic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class LatencyTest {
  static final int SLACK_MS = 20;

  /**
   * Each chunk's added delay, from both sides: never less than the latency (1 ms for the
   * millisecond clock of the harness), and over 20 chunks a median within {@value #SLACK_MS} ms
   * above it. The slack is what a loaded 2-core machine adds to a timer on an event loop: the
   * shaper's timer lateness is well under a millisecond idle (LatencyBenchmark prints it), and
   * the median keeps a few late wake-ups of a busy machine from deciding. A toxic that waits
   * twice its latency, or not at all, fails either side.
   */
  @Test
  void delaysEachChunkByTheLatencyNoMoreNoLess() {
    int latency = 50;
    int chunks = 20;
    try (StageHarness harness = new StageHarness(new Latency(latency, 0)::newStage)) {
      long[] sent = new long[chunks];
      for (int i = 0; i < chunks; i++) {
        sent[i] = harness.elapsed();
        harness.send(Character.toString('a' + i));
        LockSupport.parkNanos(Duration.ofMillis(5).toNanos()); // the test's pacing, not the toxic's
      }
      assertThat(harness.held).isPositive();
      await().atMost(Duration.ofSeconds(10)).until(() -> harness.out.size() == chunks);
      long[] delays = new long[chunks];
      for (StageHarness.Out out : harness.out) {
        int i = out.data().charAt(0) - 'a';
        delays[i] = out.atMillis() - sent[i];
      }
      System.out.println("latency " + latency + " ms, delays " + Arrays.toString(delays));
      long[] sorted = delays.clone();
      Arrays.sort(sorted);
      assertThat(sorted[0]).as("shortest delay, ms").isGreaterThanOrEqualTo(latency - 1L);
      assertThat(sorted[chunks / 2]).as("median delay, ms").isBetween(latency - 1L, (long) latency + SLACK_MS);
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
      assertThat(latency.delayNanos(ThreadLocalRandom.current())).isBetween(80_000_000L, 119_000_000L);
    }
    assertThat(new Latency(5, 50).delayNanos(ThreadLocalRandom.current())).isGreaterThanOrEqualTo(0);
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
