package faremark.shaper.toxic;

/**
 * A stage that holds chunks until a time it chooses (latency, bandwidth, slicer). Its {@link Pacer}
 * keeps them in order and releases them on the event loop; a subclass only says when each is due.
 * Removing, updating and closing are the pacer's business, the same for every such toxic.
 */
abstract class PacedStage extends Stage {
  protected final Pacer pacer = new Pacer(this);

  PacedStage(LinkContext link) {
    super(link);
  }

  /**
   * The later of {@code now} and {@code previous} ({@link Long#MIN_VALUE}: none yet), so a chunk
   * never leaves before the one ahead of it. Compared by difference, as nanoTime values must be.
   */
  static long notBefore(long now, long previous) {
    return previous == Long.MIN_VALUE || now - previous > 0 ? now : previous;
  }

  @Override
  public final void drain() {
    pacer.flushAll();
  }

  @Override
  public final void handOver(Stage successor) {
    pacer.handOver(successor);
  }

  @Override
  public final void release() {
    pacer.release();
  }
}
