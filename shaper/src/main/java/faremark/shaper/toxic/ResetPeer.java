package faremark.shaper.toxic;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code reset_peer}: when the first data (or the end of stream) reaches the toxic, it waits
 * {@code timeout} ms and then resets the connection: both sockets are closed with SO_LINGER 0, so
 * both peers get a TCP RST. Data reaching the toxic is dropped, as in Toxiproxy.
 */
public record ResetPeer(long timeout) implements Toxic {
  /** The declaration, registered in META-INF/services/faremark.shaper.toxic.ToxicType. */
  public static final class Type extends ToxicType<ResetPeer> {
    public Type() {
      super("reset_peer", ResetPeer.class,
          optional("timeout", ToxicUnit.MILLISECONDS, 0, ResetPeer::timeout));
    }

    @Override
    protected ResetPeer build(Values v) {
      return new ResetPeer(v.get("timeout"));
    }

    @Override
    public Optional<ToxiproxyJava<ResetPeer, ?>> toxiproxyJava() {
      return Optional.of(new ToxiproxyJava<>(eu.rekawek.toxiproxy.model.toxic.ResetPeer.class,
          (toxics, name, stream, t) -> toxics.resetPeer(name, stream, t.timeout()),
          read -> new ResetPeer(read.getTimeout())));
    }
  }

  @Override
  public Stage newStage(LinkContext link) {
    return new ResetStage(link, this);
  }

  static final class ResetStage extends Stage {
    private final ResetPeer toxic;
    private ScheduledFuture<?> pendingReset;

    ResetStage(LinkContext link, ResetPeer toxic) {
      super(link);
      this.toxic = toxic;
    }

    @Override
    public void onData(ByteBuf chunk) {
      ReferenceCountUtil.release(chunk);
      arm();
    }

    @Override
    public void onEnd() {
      arm();
    }

    private void arm() {
      if (pendingReset == null) {
        pendingReset =
            link.eventLoop()
                .schedule(link::reset, Math.max(0, toxic.timeout), TimeUnit.MILLISECONDS);
      }
    }

    @Override
    public void release() {
      if (pendingReset != null) {
        pendingReset.cancel(false);
      }
    }
  }
}
