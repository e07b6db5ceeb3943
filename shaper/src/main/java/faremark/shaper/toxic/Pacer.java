package faremark.shaper.toxic;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Releases a stage's chunks (and the end of stream) to the next stage at given instants, in order,
 * with one timer on the event loop for the earliest pending item: no thread and no sleep per
 * connection. Due times must not decrease, which is how Toxiproxy's sequential toxics behave too.
 */
final class Pacer {
  /** Marks the end of the stream in the queue. */
  private static final Object END = new Object();

  private record Item(Object payload, long dueNanos) {}

  private final Stage owner;
  private final ArrayDeque<Item> queue = new ArrayDeque<>();
  // One instance per pacer rather than a new method reference per scheduled chunk.
  private final Runnable onTimer = this::onTimer;
  private ScheduledFuture<?> timer;
  private long timerDue;

  Pacer(Stage owner) {
    this.owner = owner;
  }

  void add(ByteBuf chunk, long dueNanos) {
    owner.link.held(chunk.readableBytes());
    enqueue(new Item(chunk, dueNanos));
  }

  void addEnd(long dueNanos) {
    enqueue(new Item(END, dueNanos));
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }

  /** Everything now, in order (toxic removed). */
  void flushAll() {
    cancelTimer();
    while (!queue.isEmpty()) {
      emit(queue.poll());
    }
  }

  /** Moves everything to {@code successor} as fresh input (toxic updated). */
  void handOver(Stage successor) {
    cancelTimer();
    while (!queue.isEmpty()) {
      Item item = queue.poll();
      if (item.payload == END) {
        successor.onEnd();
      } else {
        ByteBuf chunk = (ByteBuf) item.payload;
        owner.link.held(-chunk.readableBytes());
        successor.onData(chunk);
      }
    }
  }

  void release() {
    cancelTimer();
    while (!queue.isEmpty()) {
      Item item = queue.poll();
      if (item.payload instanceof ByteBuf chunk) {
        owner.link.held(-chunk.readableBytes());
        ReferenceCountUtil.release(chunk);
      }
    }
  }

  private void enqueue(Item item) {
    queue.add(item);
    if (queue.size() == 1) {
      fireDue();
    }
  }

  private void fireDue() {
    long now = System.nanoTime();
    while (!queue.isEmpty() && queue.peek().dueNanos - now <= 0) {
      emit(queue.poll());
    }
    if (!queue.isEmpty()) {
      long due = queue.peek().dueNanos;
      if (timer == null || timerDue != due) {
        cancelTimer();
        timerDue = due;
        timer = owner.link.eventLoop().schedule(onTimer, due - now, TimeUnit.NANOSECONDS);
      }
    }
  }

  private void onTimer() {
    timer = null;
    fireDue();
  }

  private void emit(Item item) {
    if (item.payload == END) {
      owner.next().onEnd();
    } else {
      ByteBuf chunk = (ByteBuf) item.payload;
      owner.link.held(-chunk.readableBytes());
      owner.next().onData(chunk);
    }
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
