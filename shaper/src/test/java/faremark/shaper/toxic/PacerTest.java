package faremark.shaper.toxic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PacerTest {
  /** Holds every chunk for a fixed delay: the pacer alone decides what leaves when. */
  static final class Delay extends PacedStage {
    private final long delayNanos;

    Delay(LinkContext link, long delayMillis) {
      super(link);
      this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
    }

    @Override
    public void onData(ByteBuf chunk) {
      pacer.add(chunk, System.nanoTime() + delayNanos);
    }

    @Override
    public void onEnd() {
      pacer.addEnd(System.nanoTime() + delayNanos);
    }
  }

  @Test
  void keepsOrderWhileTheRingWrapsAroundAndGrows() {
    try (StageHarness harness = new StageHarness(link -> new Delay(link, 30))) {
      StringBuilder expected = new StringBuilder();
      for (int i = 0; i < 6; i++) {
        harness.send(Character.toString('a' + i));
        expected.append((char) ('a' + i));
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> harness.out.size() == 6);
      // The ring's head now sits near its end: the next items wrap around, then outgrow it.
      for (int i = 0; i < 40; i++) {
        harness.send(Character.toString('A' + i % 26));
        expected.append((char) ('A' + i % 26));
      }
      assertThat(harness.held).isEqualTo(40);
      harness.end();
      await().atMost(Duration.ofSeconds(5)).until(harness::ended);
      assertThat(harness.received()).isEqualTo(expected.toString());
      assertThat(harness.held).isZero();
    }
  }

  @Test
  void releaseFreesEveryHeldChunk() {
    List<ByteBuf> chunks = new ArrayList<>();
    StageHarness harness = new StageHarness(link -> new Delay(link, 60_000));
    for (int i = 0; i < 20; i++) {
      ByteBuf chunk = Unpooled.copiedBuffer("chunk" + i, StandardCharsets.UTF_8);
      chunks.add(chunk);
      harness.run(() -> harness.stage.onData(chunk));
    }
    assertThat(harness.held).isPositive();
    harness.close(); // releases the stage
    assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.refCnt()).isZero());
    assertThat(harness.held).isZero();
    assertThat(harness.out).isEmpty();
  }

  @Test
  void removalSendsEverythingOnInOrder() {
    try (StageHarness harness = new StageHarness(link -> new Delay(link, 60_000))) {
      for (int i = 0; i < 12; i++) {
        harness.send(Integer.toString(i % 10));
      }
      harness.end();
      harness.run(harness.stage::drain);
      assertThat(harness.received()).isEqualTo("012345678901");
      assertThat(harness.ended()).isTrue();
      assertThat(harness.held).isZero();
    }
  }
}
