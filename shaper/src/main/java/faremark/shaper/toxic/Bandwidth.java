package faremark.shaper.toxic;

import io.netty.buffer.ByteBuf;
import java.util.Optional;

/**
 * {@code bandwidth}: at most {@code rate} KB/s, where Toxiproxy's KB is 1000 bytes (a chunk of n
 * bytes takes n / rate milliseconds). A chunk leaves once its transmission time has passed; chunks
 * larger than 100 ms worth of data leave in 100 ms slices, as Toxiproxy sends them. Rate 0 or less
 * lets data through unthrottled.
 */
public record Bandwidth(long rate) implements Toxic {
  /** The declaration, registered in META-INF/services/faremark.shaper.toxic.ToxicType. */
  public static final class Type extends ToxicType<Bandwidth> {
    public Type() {
      super("bandwidth", Bandwidth.class,
          required("rate", ToxicUnit.KB_PER_SECOND, Bandwidth::rate));
    }

    @Override
    protected Bandwidth build(Values v) {
      return new Bandwidth(v.get("rate"));
    }

    @Override
    public Optional<Problem> check(Values v) {
      return v.get("rate") == 0
          ? Optional.of(new Problem("rate", "expected a rate of at least 1 KB/s (Toxiproxy reads 0"
              + " as unlimited: leave the toxic out instead); got 0"))
          : Optional.empty();
    }

    @Override
    public Optional<ToxiproxyJava<Bandwidth, ?>> toxiproxyJava() {
      return Optional.of(new ToxiproxyJava<>(eu.rekawek.toxiproxy.model.toxic.Bandwidth.class,
          (toxics, name, stream, t) -> toxics.bandwidth(name, stream, t.rate()),
          read -> new Bandwidth(read.getRate())));
    }
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
