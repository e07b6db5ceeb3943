package faremark.shaper.toxic;

import io.netty.buffer.ByteBuf;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** {@code slow_close}: data flows untouched; the close is passed on {@code delay} ms after it arrives. */
public record SlowClose(long delay) implements Toxic {
  /** The declaration, registered in META-INF/services/faremark.shaper.toxic.ToxicType. */
  public static final class Type extends ToxicType<SlowClose> {
    public Type() {
      super("slow_close", SlowClose.class,
          required("delay", ToxicUnit.MILLISECONDS, SlowClose::delay));
    }

    @Override
    protected SlowClose build(Values v) {
      return new SlowClose(v.get("delay"));
    }

    @Override
    public Optional<ToxiproxyJava<SlowClose, ?>> toxiproxyJava() {
      return Optional.of(new ToxiproxyJava<>(eu.rekawek.toxiproxy.model.toxic.SlowClose.class,
          (toxics, name, stream, t) -> toxics.slowClose(name, stream, t.delay()),
          read -> new SlowClose(read.getDelay())));
    }
  }

  @Override
  public Stage newStage(LinkContext link) {
    return new SlowCloseStage(link, this);
  }

  static final class SlowCloseStage extends Stage {
    private final SlowClose toxic;
    private ScheduledFuture<?> pendingClose;

    SlowCloseStage(LinkContext link, SlowClose toxic) {
      super(link);
      this.toxic = toxic;
    }

    @Override
    public void onData(ByteBuf chunk) {
      next().onData(chunk);
    }

    @Override
    public void onEnd() {
      if (pendingClose == null) {
        pendingClose =
            link.eventLoop()
                .schedule(() -> next().onEnd(), Math.max(0, toxic.delay), TimeUnit.MILLISECONDS);
      }
    }

    @Override
    public void drain() {
      if (pendingClose != null && pendingClose.cancel(false)) {
        next().onEnd();
      }
    }

    @Override
    public void handOver(Stage successor) {
      // Toxiproxy restarts the toxic: a close it was delaying is delayed again by the new setting.
      if (pendingClose != null && pendingClose.cancel(false)) {
        successor.onEnd();
      }
    }

    @Override
    public void release() {
      if (pendingClose != null) {
        pendingClose.cancel(false);
      }
    }
  }
}
