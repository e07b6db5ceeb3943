package faremark.fareserver;

import faremark.contract.FareGenerator;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The fake fare API on Netty (NIO transport, so no native libraries): deterministic pages, a
 * service time that holds no thread, connection / in-flight caps with an overflow policy, and an
 * optional keep-alive timeout that frees the slots of idle connections.
 *
 * <pre>{@code
 * try (FareServer server = FareServer.start(FareServerConfig.defaults())) {
 *   URI fares = server.uri().resolve("/fares?from=PRG&to=BRQ&date=2018-06-01");
 * }
 * }</pre>
 */
public final class FareServer implements AutoCloseable {
  /** Requests carry no body worth keeping; anything bigger is answered 413. */
  private static final int MAX_REQUEST_BYTES = 64 * 1024;

  private final FareServerConfig config;
  private final StatsRecorder stats;
  private final Barrier barrier;
  private final EventLoopGroup acceptor;
  private final EventLoopGroup workers;
  private final Channel listener;
  private final int port;
  private final AtomicBoolean closed = new AtomicBoolean();

  private FareServer(
      FareServerConfig config, StatsRecorder stats, Barrier barrier, EventLoopGroup acceptor,
      EventLoopGroup workers, Channel listener) {
    this.config = config;
    this.stats = stats;
    this.barrier = barrier;
    this.acceptor = acceptor;
    this.workers = workers;
    this.listener = listener;
    this.port = ((InetSocketAddress) listener.localAddress()).getPort();
  }

  /** Binds and returns once the server accepts connections. */
  public static FareServer start(FareServerConfig config) {
    StatsRecorder stats = new StatsRecorder();
    ServerContext context =
        new ServerContext(
            config,
            stats,
            new PageCache(
                new FareGenerator(config.seed(), config.payload().bytes()),
                PageCache.DEFAULT_MAX_BYTES),
            new ConnectionLimiter(config.limits(), stats),
            new InFlightLimiter(config.limits(), stats),
            new Barrier(stats));
    EventLoopGroup acceptor =
        new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory("fare-server-accept"), NioIoHandler.newFactory());
    EventLoopGroup workers =
        new MultiThreadIoEventLoopGroup(
            config.ioThreads(), new DefaultThreadFactory("fare-server-io"),
            NioIoHandler.newFactory());
    try {
      ServerBootstrap bootstrap =
          new ServerBootstrap()
              .group(acceptor, workers)
              .channel(NioServerSocketChannel.class)
              .option(ChannelOption.SO_BACKLOG, 4096)
              .option(ChannelOption.SO_REUSEADDR, true)
              .childOption(ChannelOption.TCP_NODELAY, true)
              // Nothing is read before the connection limiter admits the connection.
              .childOption(ChannelOption.AUTO_READ, false)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                      ChannelPipeline pipeline = channel.pipeline();
                      pipeline
                          .addLast("connections", context.connections())
                          .addLast("http", new HttpServerCodec())
                          .addLast("aggregate", new HttpObjectAggregator(MAX_REQUEST_BYTES));
                      if (config.limits().closesIdleConnections()) {
                        // Between aggregator and router: sees whole requests and responses.
                        pipeline.addLast(
                            "keep-alive",
                            new KeepAliveTimer(config.limits().keepAliveTimeout(), stats));
                      }
                      pipeline.addLast("router", new FareRouter(context));
                    }
                  });
      ChannelFuture bound = bootstrap.bind(config.host(), config.port()).awaitUninterruptibly();
      if (!bound.isSuccess()) {
        // Netty rethrows the checked BindException as is; callers get one unchecked type.
        throw new IllegalStateException(
            "cannot listen on " + config.host() + ":" + config.port() + ": "
                + bound.cause().getMessage(),
            bound.cause());
      }
      return new FareServer(config, stats, context.barrier(), acceptor, workers, bound.channel());
    } catch (RuntimeException e) {
      shutdown(acceptor, workers);
      throw e;
    }
  }

  /** {@code http://HOST:PORT} with the bound port. */
  public URI uri() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return URI.create("http://" + host + ":" + port);
  }

  public int port() {
    return port;
  }

  public FareServerConfig config() {
    return config;
  }

  public ServerStats stats() {
    return stats.snapshot();
  }

  /** Zeroes the counters; maxima restart from what is open / in flight now. */
  public void resetStats() {
    stats.reset();
  }

  /**
   * Arms the barrier for the next run: {@code /fares} answers are held until {@code target}
   * requests are in service at once, or {@code timeout} after the first held one (see {@link
   * BarrierState}); 0 turns it off. Anything an earlier arming still held is released.
   */
  public void armBarrier(int target, java.time.Duration timeout) {
    barrier.arm(target, timeout);
  }

  public BarrierState barrier() {
    return barrier.state();
  }

  /** Closes the listener and every connection and stops all threads. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    listener.close().syncUninterruptibly();
    shutdown(acceptor, workers);
  }

  private static void shutdown(EventLoopGroup acceptor, EventLoopGroup workers) {
    // No quiet period: nothing here needs draining, and tests start and stop many servers.
    acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    acceptor.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    workers.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  @Override
  public String toString() {
    return "FareServer[" + uri() + "]";
  }
}
