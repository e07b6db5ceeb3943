package faremark.shaper.toxic;

import io.netty.buffer.ByteBuf;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * {@code latency}: every chunk is delayed by {@code latency} ± {@code jitter} milliseconds, counted
 * from when the chunk reached this toxic, and chunks keep their order (a chunk never leaves before
 * the one ahead of it) — Toxiproxy's {@code delay - time.Since(c.Timestamp)}.
 */
public record Latency(long latency, long jitter) implements Toxic {
  /** The declaration, registered in META-INF/services/faremark.shaper.toxic.ToxicType. */
  public static final class Type extends ToxicType<Latency> {
    public Type() {
      super("latency", Latency.class,
          required("latency", ToxicUnit.MILLISECONDS, Latency::latency),
          optional("jitter", ToxicUnit.MILLISECONDS, 0, Latency::jitter));
    }

    @Override
    protected Latency build(Values v) {
      return new Latency(v.get("latency"), v.get("jitter"));
    }

    @Override
    public Optional<ToxiproxyJava<Latency, ?>> toxiproxyJava() {
      return Optional.of(new ToxiproxyJava<>(eu.rekawek.toxiproxy.model.toxic.Latency.class,
          (toxics, name, stream, t) -> {
            var created = toxics.latency(name, stream, t.latency());
            return t.jitter() != 0 ? created.setJitter(t.jitter()) : created;
          },
          read -> new Latency(read.getLatency(), read.getJitter())));
    }
  }

  /** One chunk's delay in nanoseconds: latency plus a uniform draw from [-jitter, jitter). */
  long delayNanos(RandomGenerator random) {
    long delay = latency;
    if (jitter > 0) {
      delay += random.nextLong(jitter * 2) - jitter;
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
      pacer.add(chunk, due(System.nanoTime() + toxic.delayNanos(link.random())));
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
