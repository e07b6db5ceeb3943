package faremark.shaper.bench;

import faremark.shaper.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * {@code connections} concurrent TCP connections, each sending a {@code messageBytes} message every
 * {@code period} (or as soon as the previous echo is back, if that takes longer), so every phase
 * offers the same load whatever the round trip. Round-trip times are recorded (microseconds,
 * HdrHistogram) only inside the measuring window, after a warm-up.
 */
final class PingPongLoad implements AutoCloseable {
  private final EventLoopGroup group;
  private final List<Channel> channels = new ArrayList<>();
  private final Recorder recorder = new Recorder(3);
  private final int messageBytes;
  private final long periodNanos;
  private volatile boolean measuring;
  private volatile boolean running = true;
  private final java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();

  PingPongLoad(Transport transport, int threads, int messageBytes, long periodMillis) {
    this.group = transport.newGroup(threads, "bench-client");
    this.messageBytes = messageBytes;
    this.periodNanos = TimeUnit.MILLISECONDS.toNanos(periodMillis);
  }

  /** Opens the connections (all of them, before any message is sent) and starts the ping-pong. */
  void open(Transport transport, int port, int connections) {
    Bootstrap bootstrap =
        new Bootstrap()
            .group(group)
            .channel(transport.socketChannel())
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(
                new io.netty.channel.ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel channel) {
                    // The pinger is added once every connection is open.
                  }
                });
    List<ChannelFuture> connects = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      connects.add(bootstrap.connect(new InetSocketAddress("127.0.0.1", port)));
      if (i % 200 == 199) {
        connects.get(i).syncUninterruptibly();
      }
    }
    for (ChannelFuture connect : connects) {
      Channel channel = connect.syncUninterruptibly().channel();
      channels.add(channel);
    }
    for (Channel channel : channels) {
      Pinger pinger = new Pinger();
      channel.pipeline().addLast("pinger", pinger);
      channel.eventLoop().schedule(
          () -> pinger.send(channel),
          ThreadLocalRandom.current().nextLong(periodNanos + 1),
          TimeUnit.NANOSECONDS);
    }
  }

  /** Warm up, then measure for {@code seconds}; returns the round-trip histogram in microseconds. */
  Histogram measure(int warmupSeconds, int seconds) throws InterruptedException {
    Thread.sleep(warmupSeconds * 1000L);
    recorder.reset();
    measuring = true;
    Thread.sleep(seconds * 1000L);
    measuring = false;
    return recorder.getIntervalHistogram();
  }

  long failures() {
    return failures.get();
  }

  @Override
  public void close() {
    running = false;
    for (Channel channel : channels) {
      channel.close();
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private final class Pinger extends ChannelInboundHandlerAdapter {
    private final byte[] message = new byte[messageBytes];
    private long sentAt;
    private int received;

    void send(Channel channel) {
      if (!running || !channel.isActive()) {
        return;
      }
      received = 0;
      sentAt = System.nanoTime();
      channel.writeAndFlush(Unpooled.wrappedBuffer(message));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf buf = (ByteBuf) msg;
      received += buf.readableBytes();
      buf.release();
      if (received >= messageBytes) {
        long rtt = System.nanoTime() - sentAt;
        if (measuring) {
          recorder.recordValue(Math.max(1, rtt / 1000));
        }
        long wait = sentAt + periodNanos - System.nanoTime();
        Channel channel = ctx.channel();
        if (wait <= 0) {
          send(channel);
        } else {
          channel.eventLoop().schedule(() -> send(channel), wait, TimeUnit.NANOSECONDS);
        }
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (running) {
        failures.incrementAndGet();
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      failures.incrementAndGet();
      ctx.close();
    }
  }
}
