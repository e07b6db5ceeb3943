package faremark.shaper.proxy;

import faremark.shaper.toxic.Direction;
import faremark.shaper.toxic.LinkContext;
import faremark.shaper.toxic.Stage;
import faremark.shaper.toxic.ToxicSpec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One direction of one proxied connection: bytes read from {@code source} pass through a chain of
 * toxic stages into a {@link Sink} that writes them to {@code destination}. Everything runs on the
 * connection's event loop (both sockets share it), so the chain needs no locks; toxic changes from
 * the API arrive as tasks on that loop.
 *
 * <p>Backpressure: reading from the source stops while the destination cannot take more, or while
 * the toxics hold more than {@link #HIGH_WATER} bytes, and resumes below {@link #LOW_WATER}.
 */
final class Link implements LinkContext {
  static final long HIGH_WATER = 1 << 20;
  static final long LOW_WATER = 256 << 10;

  private final Connection connection;
  private final Direction direction;
  private final Channel source;
  private final Channel destination;
  private final List<Named> stages = new ArrayList<>();
  private final Sink sink;
  private final RandomGenerator random;
  private long held;
  private boolean holding;
  private boolean inputEnded;
  private boolean reading;
  private boolean released;

  private record Named(String name, Stage stage) {}

  Link(Connection connection, Direction direction, Channel source, Channel destination,
      RandomGenerator random) {
    this.connection = connection;
    this.random = random;
    this.direction = direction;
    this.source = source;
    this.destination = destination;
    this.sink = new Sink(this, destination);
  }

  Direction direction() {
    return direction;
  }

  /** Builds the chain from the toxics present when the connection starts (on the event loop). */
  void start(List<ToxicSpec> toxics) {
    for (ToxicSpec spec : toxics) {
      append(spec);
    }
  }

  @Override
  public RandomGenerator random() {
    return random;
  }

  @Override
  public EventLoop eventLoop() {
    return source.eventLoop();
  }

  @Override
  public void held(long deltaBytes) {
    held += deltaBytes;
    updateReading();
  }

  @Override
  public void reset() {
    connection.reset();
  }

  /** A chunk read from the source (a read burst is under way until {@link #readComplete}). */
  void input(ByteBuf chunk) {
    reading = true;
    head().onData(chunk);
  }

  /** The source's read burst ended: flush what it wrote to the destination. */
  void readComplete() {
    reading = false;
    sink.flush();
  }

  /** Whether a read burst of the source is under way: the sink then flushes at its end. */
  boolean reading() {
    return reading;
  }

  /** The source closed. */
  void inputEnded() {
    if (!inputEnded) {
      inputEnded = true;
      head().onEnd();
    }
  }

  /** The destination's writability changed, or data was let go: maybe read again. */
  void updateReading() {
    if (released) {
      return;
    }
    if (holding) {
      holding = held > LOW_WATER || !destination.isWritable();
    } else {
      holding = held > HIGH_WATER || !destination.isWritable();
    }
    boolean read = !holding;
    if (source.config().isAutoRead() != read) {
      source.config().setAutoRead(read);
    }
  }

  void addToxic(ToxicSpec spec) {
    if (!released) {
      append(spec);
    }
  }

  void updateToxic(ToxicSpec spec) {
    int index = released ? -1 : indexOf(spec.name());
    if (index < 0) {
      return;
    }
    Stage old = stages.get(index).stage();
    Stage successor = spec.newStage(this);
    successor.next(old.next());
    stages.set(index, new Named(spec.name(), successor));
    relink();
    old.handOver(successor);
  }

  void removeToxic(String name) {
    int index = released ? -1 : indexOf(name);
    if (index < 0) {
      return;
    }
    Stage removed = stages.remove(index).stage();
    relink();
    // Its next still points at its follower: what it holds goes there, ahead of newer data.
    removed.drain();
  }

  /** The connection is gone: cancel timers and free what the toxics hold. */
  void release() {
    if (!released) {
      for (Named named : stages) {
        named.stage().release();
      }
      released = true;
    }
  }

  private void append(ToxicSpec spec) {
    stages.add(new Named(spec.name(), spec.newStage(this)));
    relink();
  }

  private void relink() {
    for (int i = 0; i < stages.size(); i++) {
      stages.get(i).stage().next(i + 1 < stages.size() ? stages.get(i + 1).stage() : sink);
    }
  }

  private Stage head() {
    return stages.isEmpty() ? sink : stages.get(0).stage();
  }

  private int indexOf(String name) {
    for (int i = 0; i < stages.size(); i++) {
      if (stages.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
