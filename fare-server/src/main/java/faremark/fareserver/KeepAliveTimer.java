package faremark.fareserver;

import faremark.fareserver.ConnectionLimiter.Admitted;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The keep-alive timeout: closes a served connection that has been idle for {@code timeout},
 * which frees its connection slot for the oldest queued connection (see {@link
 * ConnectionLimiter}). Without it, keep-alive clients hold every slot forever while idle and
 * queued connections are never admitted.
 *
 * <p>Idle means no request being read, served or written. Sitting between the aggregator and
 * the router, this handler sees whole requests come in and whole responses go out: a request is
 * outstanding from its arrival until its response has been written to the socket, and arriving
 * bytes (a request still being read) restart the clock. So a request in its service time is
 * never cut off, and the clock starts when the connection is admitted and again when its last
 * response has been written.
 *
 * <p>Not {@code IdleStateHandler}: that one tracks reads and writes, not "a request is being
 * served". As there, one check is scheduled at a time: if activity moved the clock while it
 * waited, it re-arms for the rest. Everything runs on the connection's event loop.
 */
final class KeepAliveTimer extends ChannelDuplexHandler {
  private final long timeoutNanos;
  private final StatsRecorder stats;

  private boolean admitted; // holds a connection slot: only those are timed
  private int outstanding; // requests read whose response is not yet written
  private long idleSince; // System.nanoTime() of the last activity
  private ScheduledFuture<?> check; // the one pending check, if any

  KeepAliveTimer(Duration timeout, StatsRecorder stats) {
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("keep-alive timeout must be positive, got " + timeout);
    }
    this.timeoutNanos = timeout.toNanos();
    this.stats = stats;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    // A connection that closed while it waited for its slot may still be handed one.
    if (event == Admitted.EVENT && ctx.channel().isActive()) {
      admitted = true;
      becameIdle(ctx);
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    outstanding++;
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    // Bytes arrived, whether or not they made a whole request yet: the client is talking.
    idleSince = System.nanoTime();
    ctx.fireChannelReadComplete();
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof HttpResponse) {
      ChannelPromise written = promise.unvoid();
      // Completes once the response is in the socket (or failed): only then is the request done.
      written.addListener(f -> responseWritten(ctx));
      ctx.write(msg, written);
    } else {
      ctx.write(msg, promise);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancel();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    cancel();
  }

  private void responseWritten(ChannelHandlerContext ctx) {
    outstanding--;
    if (outstanding == 0) {
      becameIdle(ctx);
    }
  }

  private void becameIdle(ChannelHandlerContext ctx) {
    idleSince = System.nanoTime();
    if (admitted && check == null) {
      arm(ctx, timeoutNanos);
    }
  }

  private void arm(ChannelHandlerContext ctx, long delayNanos) {
    check = ctx.executor().schedule(() -> check(ctx), delayNanos, TimeUnit.NANOSECONDS);
  }

  private void check(ChannelHandlerContext ctx) {
    check = null;
    if (!ctx.channel().isActive() || outstanding > 0) {
      return; // closed, or busy: the last response written re-arms the check
    }
    long idleFor = System.nanoTime() - idleSince;
    if (idleFor >= timeoutNanos) {
      stats.idleClosed();
      ctx.close(); // a plain FIN: the client's pool sees an orderly close, as from a real server
    } else {
      arm(ctx, timeoutNanos - idleFor);
    }
  }

  private void cancel() {
    if (check != null) {
      check.cancel(false);
      check = null;
    }
  }
}
