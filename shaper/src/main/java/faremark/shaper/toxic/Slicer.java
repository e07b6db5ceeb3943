package faremark.shaper.toxic;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;
import java.util.random.RandomGenerator;

/**
 * {@code slicer}: cuts each chunk into pieces of about {@code average_size} ± {@code size_variation}
 * bytes and waits {@code delay} microseconds after each piece, with Toxiproxy's halving algorithm.
 */
public record Slicer(long averageSize, long sizeVariation, long delay) implements Toxic {
  /** The declaration, registered in META-INF/services/faremark.shaper.toxic.ToxicType. */
  public static final class Type extends ToxicType<Slicer> {
    public Type() {
      super("slicer", Slicer.class,
          required("average_size", ToxicUnit.BYTES, Slicer::averageSize),
          optional("size_variation", ToxicUnit.BYTES, 0, Slicer::sizeVariation),
          optional("delay", ToxicUnit.MICROSECONDS, 0, Slicer::delay));
    }

    @Override
    protected Slicer build(Values v) {
      return new Slicer(v.get("average_size"), v.get("size_variation"), v.get("delay"));
    }

    @Override
    public Optional<Problem> check(Values v) {
      return v.get("size_variation") >= v.get("average_size")
          ? Optional.of(new Problem("size_variation", "expected less than average_size ("
              + v.get("average_size") + " B), as Toxiproxy requires; got "
              + v.get("size_variation") + " B"))
          : Optional.empty();
    }

    /** The client takes the size and delay, then sets a size variation with one update. */
    @Override
    public Optional<ToxiproxyJava<Slicer, ?>> toxiproxyJava() {
      return Optional.of(new ToxiproxyJava<>(eu.rekawek.toxiproxy.model.toxic.Slicer.class,
          (toxics, name, stream, t) -> {
            var created = toxics.slicer(name, stream, t.averageSize(), t.delay());
            return t.sizeVariation() != 0 ? created.setSizeVariation(t.sizeVariation()) : created;
          },
          read -> new Slicer(read.getAverageSize(), read.getSizeVariation(), read.getDelay())));
    }
  }

  /**
   * Piece boundaries for {@code [start, end)}, as Toxiproxy's {@code chunk}: a range within the
   * variation of the average (or smaller) is one piece, otherwise it is split near its middle
   * and both halves recurse. An average below 1 counts as 1, and a variation of 0 splits exactly
   * in the middle (Toxiproxy would panic on {@code rand.Intn(0)} there).
   */
  List<Integer> cuts(int start, int end) {
    List<Integer> cuts = new ArrayList<>();
    cut(start, end, cuts::add, ThreadLocalRandom.current());
    return cuts;
  }

  /**
   * The same cuts, each end offset handed to {@code cuts} in order, the offsets drawn from
   * {@code random}: nothing is allocated.
   */
  void cut(int start, int end, IntConsumer cuts, RandomGenerator random) {
    long average = Math.max(1, averageSize);
    long variation = Math.max(0, Math.min(sizeVariation, Integer.MAX_VALUE / 2));
    if ((end - start) - average <= variation) {
      cuts.accept(end);
      return;
    }
    int offset =
        variation > 0
            ? (int) (random.nextLong(variation * 2) - variation)
            : 0;
    int mid = start + (end - start) / 2 + offset;
    mid = Math.max(start + 1, Math.min(end - 1, mid));
    cut(start, mid, cuts, random);
    cut(mid, end, cuts, random);
  }

  @Override
  public Stage newStage(LinkContext link) {
    return new SlicerStage(link, this);
  }

  /**
   * Each piece is a retained slice of the chunk (a view, not a copy); the stage itself receives
   * the cut offsets, so slicing a chunk allocates no list and no boxed offsets.
   */
  static final class SlicerStage extends PacedStage implements IntConsumer {
    private final Slicer toxic;
    private long free = Long.MIN_VALUE;
    // The chunk being cut, while onData runs.
    private ByteBuf cutting;
    private int cutFrom;
    private long cutNow;

    SlicerStage(LinkContext link, Slicer toxic) {
      super(link);
      this.toxic = toxic;
    }

    @Override
    public void onData(ByteBuf chunk) {
      cutting = chunk;
      cutFrom = 0;
      cutNow = System.nanoTime();
      try {
        toxic.cut(0, chunk.readableBytes(), this, link.random());
      } finally {
        cutting = null;
        ReferenceCountUtil.release(chunk);
      }
    }

    /** The next piece ends at {@code to} (relative to the chunk's reader index). */
    @Override
    public void accept(int to) {
      pacer.add(
          cutting.retainedSlice(cutting.readerIndex() + cutFrom, to - cutFrom), nextSlot(cutNow));
      cutFrom = to;
    }

    @Override
    public void onEnd() {
      pacer.addEnd(nextSlot(System.nanoTime()));
    }

    /** A piece leaves when the previous piece's delay has passed; the next one waits {@code delay} µs. */
    private long nextSlot(long now) {
      long due = notBefore(now, free);
      free = due + Math.max(0, toxic.delay) * 1_000L;
      return due;
    }
  }
}
