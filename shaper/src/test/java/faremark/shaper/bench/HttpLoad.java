package faremark.shaper.bench;

import faremark.shaper.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop HTTP/1.1 keep-alive load like wrk's, for many connections: unlike wrk, which opens
 * all of them at once (at 10,000 that overflows the listeners' accept queues, and SYN retries of
 * 1–7 s then dominate a short run), it opens them a few hundred at a time first, then every
 * connection sends a GET, waits for the whole response, and sends the next; after a warm-up it
 * counts responses and their latency for a measured window.
 */
final class HttpLoad implements AutoCloseable {
  private static final int CONNECTS_IN_FLIGHT = 200;

  private final EventLoopGroup group;
  /** The request's bytes; every send writes an unreleasable view of it, freed at {@link #close}. */
  private final ByteBuf requestBytes;
  private final ByteBuf request;
  private final List<Channel> channels = new ArrayList<>();
  /** Latencies (µs) of the measured window; the harness runs without HdrHistogram on its path. */
  private long[] latencies = new long[1 << 16];
  private int recorded;
  private final AtomicLong errors = new AtomicLong();
  private volatile boolean measuring;
  private volatile boolean running = true;

  HttpLoad(Transport transport, int threads, String path) {
    group = transport.newGroup(threads, "bench-http");
    requestBytes = Unpooled.directBuffer().writeBytes(
        ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    request = Unpooled.unreleasableBuffer(requestBytes);
  }

  /** Runs against {@code port}: connect all, warm up, measure; then closes the connections. */
  static Wrk.Result run(Transport transport, int threads, int port, String path, int connections,
      int warmupSeconds, int seconds) throws IOException, InterruptedException {
    try (HttpLoad load = new HttpLoad(transport, threads, path)) {
      load.connect(transport, port, connections);
      load.channels.forEach(channel -> channel.eventLoop().execute(() -> load.send(channel)));
      Thread.sleep(warmupSeconds * 1000L);
      long errorsBefore = load.errors.get();
      load.measuring = true;
      long start = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      load.measuring = false;
      double elapsed = (System.nanoTime() - start) / 1e9;
      long[] sorted;
      synchronized (load) {
        sorted = java.util.Arrays.copyOf(load.latencies, load.recorded);
      }
      java.util.Arrays.sort(sorted);
      return new Wrk.Result(sorted.length / elapsed, sorted.length, percentile(sorted, 50),
          percentile(sorted, 99), load.errors.get() - errorsBefore);
    }
  }

  private static double percentile(long[] sorted, double percent) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(percent / 100 * sorted.length) - 1)];
  }

  private synchronized void record(long micros) {
    if (recorded == latencies.length) {
      latencies = java.util.Arrays.copyOf(latencies, latencies.length * 2);
    }
    latencies[recorded++] = micros;
  }

  private void connect(Transport transport, int port, int connections)
      throws IOException, InterruptedException {
    Bootstrap bootstrap = new Bootstrap()
        .group(group)
        .channel(transport.socketChannel())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
        .handler(new ChannelInitializer<>() {
          @Override
          protected void initChannel(Channel channel) {
            channel.pipeline().addLast(new Response());
          }
        });
    Semaphore inFlight = new Semaphore(CONNECTS_IN_FLIGHT);
    CountDownLatch done = new CountDownLatch(connections);
    AtomicLong failed = new AtomicLong();
    for (int i = 0; i < connections; i++) {
      inFlight.acquire();
      ChannelFuture connect = bootstrap.connect(new InetSocketAddress("127.0.0.1", port));
      synchronized (channels) {
        channels.add(connect.channel());
      }
      connect.addListener(f -> {
        if (!f.isSuccess()) {
          failed.incrementAndGet();
        }
        inFlight.release();
        done.countDown();
      });
    }
    if (!done.await(120, TimeUnit.SECONDS) || failed.get() > 0) {
      throw new IOException(failed.get() + " of " + connections + " connections to port " + port
          + " failed (or the connects took over 120 s)");
    }
  }

  private void send(Channel channel) {
    if (running && channel.isActive()) {
      channel.pipeline().get(Response.class).sentAt = System.nanoTime();
      channel.writeAndFlush(request.duplicate(), channel.voidPromise());
    }
  }

  /**
   * Reads one response at a time: the header up to its blank line (watching for
   * {@code content-length}), then that many body bytes; then records the latency and sends again.
   */
  private final class Response extends ChannelInboundHandlerAdapter {
    private final StringBuilder header = new StringBuilder();
    private boolean inBody;
    private long bodyLeft;
    long sentAt;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf chunk = (ByteBuf) msg;
      try {
        while (chunk.isReadable()) {
          if (!inBody) {
            header.append((char) chunk.readByte());
            int n = header.length();
            if (n >= 4 && header.charAt(n - 1) == '\n' && header.charAt(n - 2) == '\r'
                && header.charAt(n - 3) == '\n' && header.charAt(n - 4) == '\r') {
              bodyLeft = contentLength(header);
              header.setLength(0);
              inBody = true;
            }
          } else {
            int take = (int) Math.min(bodyLeft, chunk.readableBytes());
            chunk.skipBytes(take);
            bodyLeft -= take;
          }
          if (inBody && bodyLeft == 0) {
            inBody = false;
            if (measuring) {
              record(Math.max(1, (System.nanoTime() - sentAt) / 1000));
            }
            send(ctx.channel());
          }
        }
      } finally {
        chunk.release();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (running) {
        errors.incrementAndGet();
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      errors.incrementAndGet();
      ctx.close();
    }
  }

  private static long contentLength(CharSequence header) {
    String text = header.toString().toLowerCase(java.util.Locale.ROOT);
    int at = text.indexOf("content-length:");
    if (at < 0) {
      return 0;
    }
    int end = text.indexOf('\r', at);
    return Long.parseLong(text.substring(at + "content-length:".length(), end).trim());
  }

  @Override
  public void close() {
    running = false;
    synchronized (channels) {
      channels.forEach(Channel::close);
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    requestBytes.release();
  }
}
