package faremark.shaper.toxic;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import java.util.Optional;

/**
 * {@code limit_data}: lets {@code bytes} bytes through on this connection and direction, then
 * closes the connection. The count survives updates of the toxic (Toxiproxy keeps it as the
 * toxic's per-connection state). Like Toxiproxy, the close happens when data arrives, so a limit
 * of 0 closes on the first chunk.
 */
public record LimitData(long bytes) implements Toxic {
  /** The declaration, registered in META-INF/services/faremark.shaper.toxic.ToxicType. */
  public static final class Type extends ToxicType<LimitData> {
    public Type() {
      super("limit_data", LimitData.class, required("bytes", ToxicUnit.BYTES, LimitData::bytes));
    }

    @Override
    protected LimitData build(Values v) {
      return new LimitData(v.get("bytes"));
    }

    @Override
    public Optional<ToxiproxyJava<LimitData, ?>> toxiproxyJava() {
      return Optional.of(new ToxiproxyJava<>(eu.rekawek.toxiproxy.model.toxic.LimitData.class,
          (toxics, name, stream, t) -> toxics.limitData(name, stream, t.bytes()),
          read -> new LimitData(read.getBytes())));
    }
  }

  @Override
  public Stage newStage(LinkContext link) {
    return new LimitStage(link, this, 0);
  }

  static final class LimitStage extends Stage {
    private final LimitData toxic;
    private long transmitted;
    private boolean closed;

    LimitStage(LinkContext link, LimitData toxic, long transmitted) {
      super(link);
      this.toxic = toxic;
      this.transmitted = transmitted;
    }

    @Override
    public void onData(ByteBuf chunk) {
      if (closed) {
        ReferenceCountUtil.release(chunk);
        return;
      }
      long remaining = Math.max(0, toxic.bytes - transmitted);
      if (chunk.readableBytes() > remaining) {
        ByteBuf kept = chunk.readRetainedSlice((int) remaining);
        ReferenceCountUtil.release(chunk);
        chunk = kept;
      }
      int length = chunk.readableBytes();
      if (length > 0) {
        transmitted += length;
        next().onData(chunk);
      } else {
        ReferenceCountUtil.release(chunk);
      }
      if (toxic.bytes - transmitted <= 0) {
        closed = true;
        next().onEnd();
      }
    }

    @Override
    public void onEnd() {
      if (!closed) {
        closed = true;
        next().onEnd();
      }
    }

    @Override
    public void handOver(Stage successor) {
      if (successor instanceof LimitStage limit) {
        limit.transmitted = transmitted;
        limit.closed = closed;
      }
    }
  }
}
