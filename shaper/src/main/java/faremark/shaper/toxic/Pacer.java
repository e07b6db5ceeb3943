package faremark.shaper.toxic;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Releases a stage's chunks (and the end of stream) to the next stage at given instants, in order,
 * with one timer on the event loop for the earliest pending item: no thread and no sleep per
 * connection. Due times must not decrease, which is how Toxiproxy's sequential toxics behave too.
 *
 * <p>The queue is a ring of two parallel arrays (payload, due time) rather than a deque of
 * records, so holding a chunk allocates nothing: the chunk itself (the pooled buffer that was
 * read) is what waits, and what the next stage gets.
 */
final class Pacer {
  /** Marks the end of the stream in the queue. */
  private static final Object END = new Object();

  private static final int INITIAL_CAPACITY = 8;

  private final Stage owner;
  private Object[] payloads = new Object[INITIAL_CAPACITY];
  private long[] dues = new long[INITIAL_CAPACITY];
  private int head;
  private int size;
  // One instance per pacer rather than a new method reference per scheduled chunk.
  private final Runnable onTimer = this::onTimer;
  private ScheduledFuture<?> timer;
  private long timerDue;

  Pacer(Stage owner) {
    this.owner = owner;
  }

  void add(ByteBuf chunk, long dueNanos) {
    owner.link.held(chunk.readableBytes());
    enqueue(chunk, dueNanos);
  }

  void addEnd(long dueNanos) {
    enqueue(END, dueNanos);
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** Everything now, in order (toxic removed). */
  void flushAll() {
    cancelTimer();
    while (size > 0) {
      emit(poll());
    }
  }

  /** Moves everything to {@code successor} as fresh input (toxic updated). */
  void handOver(Stage successor) {
    cancelTimer();
    while (size > 0) {
      Object payload = poll();
      if (payload == END) {
        successor.onEnd();
      } else {
        ByteBuf chunk = (ByteBuf) payload;
        owner.link.held(-chunk.readableBytes());
        successor.onData(chunk);
      }
    }
  }

  void release() {
    cancelTimer();
    while (size > 0) {
      if (poll() instanceof ByteBuf chunk) {
        owner.link.held(-chunk.readableBytes());
        ReferenceCountUtil.release(chunk);
      }
    }
  }

  private void enqueue(Object payload, long dueNanos) {
    if (size == payloads.length) {
      grow();
    }
    int tail = (head + size) & (payloads.length - 1);
    payloads[tail] = payload;
    dues[tail] = dueNanos;
    size++;
    if (size == 1) {
      fireDue();
    }
  }

  /** The first item's payload, removed (its due time is {@code dues[head]} before the call). */
  private Object poll() {
    Object payload = payloads[head];
    payloads[head] = null;
    head = (head + 1) & (payloads.length - 1);
    size--;
    return payload;
  }

  /** Doubles the ring (capacities stay powers of two), oldest item first. */
  private void grow() {
    Object[] newPayloads = new Object[payloads.length * 2];
    long[] newDues = new long[dues.length * 2];
    for (int i = 0; i < size; i++) {
      int from = (head + i) & (payloads.length - 1);
      newPayloads[i] = payloads[from];
      newDues[i] = dues[from];
    }
    payloads = newPayloads;
    dues = newDues;
    head = 0;
  }

  private void fireDue() {
    long now = System.nanoTime();
    while (size > 0 && dues[head] - now <= 0) {
      emit(poll());
    }
    if (size > 0) {
      long due = dues[head];
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

  private void emit(Object payload) {
    if (payload == END) {
      owner.next().onEnd();
    } else {
      ByteBuf chunk = (ByteBuf) payload;
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
