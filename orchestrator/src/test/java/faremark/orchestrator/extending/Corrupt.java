package faremark.orchestrator.extending;

import faremark.shaper.toxic.LinkContext;
import faremark.shaper.toxic.Stage;
import faremark.shaper.toxic.Toxic;
import faremark.shaper.toxic.ToxicType;
import faremark.shaper.toxic.ToxicUnit;
import faremark.shaper.toxic.ToxiproxyJava;
import io.netty.buffer.ByteBuf;
import java.util.Optional;

/**
 * {@code corrupt}: inverts every {@code every}-th byte that passes, counted over the connection
 * and direction — a link that garbles data, which the orchestrator's answer check would catch.
 *
 * <p>The worked example of docs/extending.md ("Add a toxic"), written exactly as the recipe says:
 * this file and one line in {@code META-INF/services/faremark.shaper.toxic.ToxicType} (here the
 * test resources'), nothing else. {@link AddAToxicTest} proves that it is enough.
 */
public record Corrupt(long every) implements Toxic {
  /** The declaration, registered in META-INF/services/faremark.shaper.toxic.ToxicType. */
  public static final class Type extends ToxicType<Corrupt> {
    public Type() {
      super("corrupt", Corrupt.class, required("every", ToxicUnit.BYTES, Corrupt::every));
    }

    @Override
    protected Corrupt build(Values v) {
      return new Corrupt(v.get("every"));
    }

    @Override
    public Optional<Problem> check(Values v) {
      return v.get("every") == 0
          ? Optional.of(new Problem("every", "expected at least 1 B (0 corrupts nothing); got 0"))
          : Optional.empty();
    }

    /** toxiproxy-java 2.1.11 has no call that creates a toxic it does not know. */
    @Override
    public Optional<ToxiproxyJava<Corrupt, ?>> toxiproxyJava() {
      return Optional.empty();
    }
  }

  @Override
  public Stage newStage(LinkContext link) {
    return new CorruptStage(link, every);
  }

  /** Counts the bytes through it; runs on the link's event loop, so no locks. */
  static final class CorruptStage extends Stage {
    private final long every;
    private long seen;

    CorruptStage(LinkContext link, long every) {
      super(link);
      this.every = every;
    }

    @Override
    public void onData(ByteBuf chunk) {
      for (int i = chunk.readerIndex(); i < chunk.writerIndex(); i++) {
        if (every > 0 && ++seen % every == 0) {
          chunk.setByte(i, ~chunk.getByte(i));
        }
      }
      next().onData(chunk);
    }

    @Override
    public void onEnd() {
      next().onEnd();
    }
  }
}
