package faremark.shaper.toxic;

import io.netty.buffer.ByteBuf;
import java.util.Map;

/**
 * {@code bandwidth}: at most {@code rate} KB/s, where Toxiproxy's KB is 1000 bytes (a chunk of n
 * bytes takes n / rate milliseconds). A chunk leaves once its transmission time has passed; chunks
 * larger than 100 ms worth of data leave in 100 ms slices, as Toxiproxy sends them. Rate 0 or less
 * lets data through unthrottled.
 */
public record Bandwidth(long rate) implements Toxic {
  public static final String TYPE = "bandwidth";

  public static Bandwidth from(Attributes attributes, Bandwidth current) {
    return new Bandwidth(attributes.get("rate", current.rate));
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Map<String, Long> attributes() {
    return Map.of("rate", rate);
  }

  /** Nanoseconds to transmit {@code bytes} at {@code rate} bytes per millisecond. */
  long transmitNanos(long bytes) {
    return bytes * 1_000_000L / rate;
  }

  @Override
  public Stage newStage(LinkContext link) {
    return new BandwidthStage(link, this);
  }

  static final class BandwidthStage extends PacedStage {
    private final Bandwidth toxic;
    private long lastDue = Long.MIN_VALUE;

    BandwidthStage(LinkContext link, Bandwidth toxic) {
      super(link);
      this.toxic = toxic;
    }

    @Override
    public void onData(ByteBuf chunk) {
      long now = System.nanoTime();
      if (toxic.rate <= 0) {
        pacer.add(chunk, due(now, 0));
        return;
      }
      long sliceBytes = toxic.rate * 100;
      while (chunk.readableBytes() > sliceBytes) {
        ByteBuf slice = chunk.readRetainedSlice((int) sliceBytes);
        pacer.add(slice, due(now, toxic.transmitNanos(sliceBytes)));
      }
      pacer.add(chunk, due(now, toxic.transmitNanos(chunk.readableBytes())));
    }

    @Override
    public void onEnd() {
      pacer.addEnd(due(System.nanoTime(), 0));
    }

    /** Transmission starts when the link is free (now, or when the previous chunk has gone). */
    private long due(long now, long transmitNanos) {
      long start = notBefore(now, lastDue);
      lastDue = start + transmitNanos;
      return lastDue;
    }
  }
}
