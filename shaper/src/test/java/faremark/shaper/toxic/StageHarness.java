package faremark.shaper.toxic;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs one toxic stage on a real event loop, feeding it chunks and recording what comes out and
 * when: a unit test's stand-in for a link, without sockets.
 */
final class StageHarness implements LinkContext, AutoCloseable {
  /** What left the stage: a chunk's text, or the end, and when (ms after the harness started). */
  record Out(String data, boolean end, long atMillis) {}

  private final DefaultEventLoop loop = new DefaultEventLoop();
  private final long start = System.nanoTime();
  final List<Out> out = new CopyOnWriteArrayList<>();
  volatile long held;
  volatile int resets;
  final Stage stage;

  StageHarness(Function<LinkContext, Stage> factory) {
    stage = call(() -> factory.apply(this));
    stage.next(
        new Stage(this) {
          @Override
          public void onData(ByteBuf chunk) {
            out.add(new Out(chunk.toString(StandardCharsets.UTF_8), false, elapsed()));
            chunk.release();
          }

          @Override
          public void onEnd() {
            out.add(new Out(null, true, elapsed()));
          }
        });
  }

  long elapsed() {
    return (System.nanoTime() - start) / 1_000_000;
  }

  void send(String text) {
    run(() -> stage.onData(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)));
  }

  void end() {
    run(stage::onEnd);
  }

  /** Runs {@code action} on the loop and waits for it. */
  void run(Runnable action) {
    call(
        () -> {
          action.run();
          return null;
        });
  }

  <T> T call(java.util.concurrent.Callable<T> action) {
    try {
      return loop.submit(action).get(10, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The data that came out, concatenated. */
  String received() {
    StringBuilder text = new StringBuilder();
    out.stream().filter(o -> !o.end()).forEach(o -> text.append(o.data()));
    return text.toString();
  }

  boolean ended() {
    return out.stream().anyMatch(Out::end);
  }

  @Override
  public EventLoop eventLoop() {
    return loop;
  }

  @Override
  public void held(long deltaBytes) {
    held += deltaBytes;
  }

  @Override
  public void reset() {
    resets++;
  }

  @Override
  public java.util.random.RandomGenerator random() {
    return java.util.concurrent.ThreadLocalRandom.current();
  }

  @Override
  public void close() {
    run(stage::release);
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
