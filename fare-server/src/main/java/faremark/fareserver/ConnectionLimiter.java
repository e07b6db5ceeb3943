package faremark.fareserver;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.util.AttributeKey;
import java.util.ArrayDeque;

/**
 * The connection cap: at most {@code maxConnections} connections are served (read from) at once;
 * the rest are handled by the overflow policy. First in every pipeline, shared by all event loops.
 *
 * <p>Child channels start with auto-read off, so nothing is read until this handler decides.
 * Slots, the FIFO of waiting connections and the stats gauges change together under one lock;
 * a freed slot goes straight to the oldest waiting connection, whose reading is then switched on
 * from its own event loop.
 */
@Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {

  /** What this limiter decided for a connection; read by the router to answer rejected ones. */
  enum Admission {
    SERVED,
    QUEUED,
    REJECTED,
    REFUSED
  }

  /**
   * Fired down a connection's pipeline when it gets a slot (at once, or later from the queue):
   * from then on it is served, so handlers that time served connections start their clock.
   */
  enum Admitted {
    EVENT
  }

  static final AttributeKey<Admission> ADMISSION = AttributeKey.valueOf("faremark.admission");

  private final int cap;
  private final OverflowPolicy overflow;
  private final StatsRecorder stats;

  private final Object lock = new Object();
  private int served; // guarded by lock
  private final ArrayDeque<Channel> waiting = new ArrayDeque<>(); // guarded by lock

  ConnectionLimiter(Limits limits, StatsRecorder stats) {
    this.cap = limits.connectionsCapped() ? limits.maxConnections() : Integer.MAX_VALUE;
    this.overflow = limits.overflow();
    this.stats = stats;
  }

  static Admission admission(Channel channel) {
    Admission a = channel.attr(ADMISSION).get();
    return a == null ? Admission.SERVED : a;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    Channel channel = ctx.channel();
    stats.connectionAccepted();
    Admission admission;
    synchronized (lock) {
      if (served < cap) {
        served++;
        stats.connectionOpened();
        admission = Admission.SERVED;
      } else {
        admission =
            switch (overflow) {
              case QUEUE -> {
                waiting.addLast(channel);
                stats.enqueued();
                yield Admission.QUEUED;
              }
              case REJECT -> Admission.REJECTED;
              case REFUSE -> Admission.REFUSED;
            };
      }
      channel.attr(ADMISSION).set(admission);
    }
    ctx.fireChannelActive();
    switch (admission) {
      case SERVED -> {
        ctx.fireUserEventTriggered(Admitted.EVENT);
        channel.config().setAutoRead(true);
      }
      // A rejected connection is read too: its request gets the 503 (see FareRouter).
      case REJECTED -> channel.config().setAutoRead(true);
      case QUEUED -> {} // stays unread until a slot frees, like a connection in a listen backlog
      case REFUSED -> {
        stats.refused();
        reset(channel);
      }
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    Channel channel = ctx.channel();
    Channel next = null;
    synchronized (lock) {
      Admission admission = channel.attr(ADMISSION).get();
      if (admission == Admission.SERVED) {
        // The gauge goes down before the slot is handed on, so the observed max stays <= cap.
        stats.connectionClosed();
        served--;
        next = admitNext();
      } else if (admission == Admission.QUEUED && waiting.remove(channel)) {
        stats.dequeued();
      }
      channel.attr(ADMISSION).set(null);
    }
    if (next != null) {
      Channel admitted = next;
      admitted.eventLoop().execute(() -> {
        admitted.pipeline().fireUserEventTriggered(Admitted.EVENT);
        admitted.config().setAutoRead(true);
      });
    }
    ctx.fireChannelInactive();
  }

  /**
   * Hands the free slot to the oldest waiting connection. One that has closed meanwhile still
   * takes it: its own channelInactive (which has not run yet, or it would have left the queue)
   * gives it back.
   */
  private Channel admitNext() {
    if (served >= cap) {
      return null;
    }
    Channel next = waiting.pollFirst();
    if (next == null) {
      return null;
    }
    stats.dequeued();
    served++;
    stats.connectionOpened();
    next.attr(ADMISSION).set(Admission.SERVED);
    return next;
  }

  /** Closes with SO_LINGER 0: the peer sees a reset, as from a server that refuses connections. */
  static void reset(Channel channel) {
    try {
      channel.config().setOption(ChannelOption.SO_LINGER, 0);
    } catch (RuntimeException ignored) {
      // Already closed: a plain close is all that is left to do.
    }
    channel.close();
  }
}
