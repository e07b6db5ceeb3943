package faremark.shaper.toxic;

import io.netty.buffer.ByteBuf;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code latency}: every chunk is delayed by {@code latency} ± {@code jitter} milliseconds, counted
 * from when the chunk reached this toxic, and chunks keep their order (a chunk never leaves before
 * the one ahead of it) — Toxiproxy's {@code delay - time.Since(c.Timestamp)}.
 */
public record Latency(long latency, long jitter) implements Toxic {
  public static final String TYPE = "latency";

  public static Latency from(Attributes attributes, Latency current) {
    return new Latency(
        attributes.get("latency", current.latency), attributes.get("jitter", current.jitter));
  }


  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Map<String, Long> attributes() {
    Map<String, Long> attributes = new LinkedHashMap<>();
    attributes.put("latency", latency);
    attributes.put("jitter", jitter);
    return attributes;
  }

  /** One chunk's delay in nanoseconds: latency plus a uniform draw from [-jitter, jitter). */
  long delayNanos() {
    long delay = latency;
    if (jitter > 0) {
      delay += ThreadLocalRandom.current().nextLong(jitter * 2) - jitter;
    }
    return Math.max(0, delay) * 1_000_000L;
  }

  @Override
  public Stage newStage(LinkContext link) {
    return new LatencyStage(link, this);
  }

  static final class LatencyStage extends PacedStage {
    private final Latency toxic;
    private long lastDue = Long.MIN_VALUE;

    LatencyStage(LinkContext link, Latency toxic) {
      super(link);
      this.toxic = toxic;
    }

    @Override
    public void onData(ByteBuf chunk) {
      pacer.add(chunk, due(System.nanoTime() + toxic.delayNanos()));
    }

    @Override
    public void onEnd() {
      pacer.addEnd(due(System.nanoTime()));
    }

    private long due(long wanted) {
      lastDue = notBefore(wanted, lastDue);
      return lastDue;
    }
  }
}
