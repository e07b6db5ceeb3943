package faremark.shaper.toxic;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code timeout}: stops all data, and closes the connection {@code timeout} ms after the toxic
 * started on it (never, for 0). Like Toxiproxy, which stops reading its input, the data is held
 * rather than dropped — so reading from the source stops once the link's buffer limit is reached —
 * and it flows again if the toxic is removed before the timeout.
 */
public record Timeout(long timeout) implements Toxic {
  /** The declaration, registered in META-INF/services/faremark.shaper.toxic.ToxicType. */
  public static final class Type extends ToxicType<Timeout> {
    public Type() {
      super("timeout", Timeout.class,
          required("timeout", ToxicUnit.MILLISECONDS, Timeout::timeout));
    }

    @Override
    protected Timeout build(Values v) {
      return new Timeout(v.get("timeout"));
    }

    @Override
    public Optional<ToxiproxyJava<Timeout, ?>> toxiproxyJava() {
      return Optional.of(new ToxiproxyJava<>(eu.rekawek.toxiproxy.model.toxic.Timeout.class,
          (toxics, name, stream, t) -> toxics.timeout(name, stream, t.timeout()),
          read -> new Timeout(read.getTimeout())));
    }
  }

  @Override
  public Stage newStage(LinkContext link) {
    return new TimeoutStage(link, this);
  }

  static final class TimeoutStage extends Stage {
    private final ArrayDeque<ByteBuf> held = new ArrayDeque<>();
    private final ScheduledFuture<?> timer;
    private boolean ended;
    private boolean closed;

    TimeoutStage(LinkContext link, Timeout toxic) {
      super(link);
      this.timer =
          toxic.timeout > 0
              ? link.eventLoop().schedule(this::expire, toxic.timeout, TimeUnit.MILLISECONDS)
              : null;
    }

    private void expire() {
      if (!closed) {
        closed = true;
        releaseHeld();
        next().onEnd();
      }
    }

    @Override
    public void onData(ByteBuf chunk) {
      if (closed) {
        ReferenceCountUtil.release(chunk);
        return;
      }
      link.held(chunk.readableBytes());
      held.add(chunk);
    }

    @Override
    public void onEnd() {
      ended = true;
    }

    /** Removed: what was held goes on untreated, as if handed to a toxic that does nothing. */
    @Override
    public void drain() {
      handOver(next());
    }

    @Override
    public void handOver(Stage successor) {
      cancel();
      if (closed) {
        return;
      }
      closed = true;
      while (!held.isEmpty()) {
        ByteBuf chunk = held.poll();
        link.held(-chunk.readableBytes());
        successor.onData(chunk);
      }
      if (ended) {
        successor.onEnd();
      }
    }

    @Override
    public void release() {
      cancel();
      releaseHeld();
    }

    private void cancel() {
      if (timer != null) {
        timer.cancel(false);
      }
    }

    private void releaseHeld() {
      while (!held.isEmpty()) {
        ByteBuf chunk = held.poll();
        link.held(-chunk.readableBytes());
        ReferenceCountUtil.release(chunk);
      }
    }
  }
}
