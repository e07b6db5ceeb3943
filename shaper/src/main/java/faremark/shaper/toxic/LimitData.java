package faremark.shaper.toxic;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import java.util.Map;

/**
 * {@code limit_data}: lets {@code bytes} bytes through on this connection and direction, then
 * closes the connection. The count survives updates of the toxic (Toxiproxy keeps it as the
 * toxic's per-connection state). Like Toxiproxy, the close happens when data arrives, so a limit
 * of 0 closes on the first chunk.
 */
public record LimitData(long bytes) implements Toxic {
  public static final String TYPE = "limit_data";

  public static LimitData from(Attributes attributes, LimitData current) {
    return new LimitData(attributes.get("bytes", current.bytes));
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Map<String, Long> attributes() {
    return Map.of("bytes", bytes);
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
