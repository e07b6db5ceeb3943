package faremark.shaper.toxic;

import io.netty.buffer.ByteBuf;

/**
 * One toxic's state on one connection and direction: chunks go in, and come out to {@link #next}
 * now, later, sliced, or not at all. Confined to the link's event loop.
 *
 * <p>The end of the stream travels through the chain like data ({@link #onEnd}), so a delaying toxic
 * delays the close too, as in Toxiproxy, where a closed input channel reaches each toxic in order.
 */
public abstract class Stage {
  protected final LinkContext link;
  private Stage next;

  protected Stage(LinkContext link) {
    this.link = link;
  }

  public final Stage next() {
    return next;
  }

  public final void next(Stage next) {
    this.next = next;
  }

  /** A chunk arrives; the stage owns it from now on (passes it on or releases it). */
  public abstract void onData(ByteBuf chunk);

  /** The input ended (source closed, or an earlier toxic closed the stream). */
  public abstract void onEnd();

  /**
   * The toxic was removed: everything held goes to {@link #next} at once, without its treatment,
   * as Toxiproxy flushes a removed toxic's buffer ("don't drop data on the floor").
   */
  public void drain() {
    release();
  }

  /**
   * The toxic was updated: what this stage holds moves to its successor (built from the new
   * settings), which carries on from there. Stateful toxics hand over their state too.
   */
  public void handOver(Stage successor) {
    drain();
  }

  /** The connection is gone: cancel timers and free held buffers. */
  public void release() {}
}
