package faremark.shaper;

import faremark.shaper.api.ApiServer;
import faremark.shaper.proxy.ApiException;
import faremark.shaper.proxy.ProxyRegistry;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Toxiproxy-compatible TCP proxy in this process: Toxiproxy 2.12's HTTP API on
 * {@link #apiAddress()}, proxies and toxics driven through it (e.g. with toxiproxy-java).
 *
 * <pre>{@code
 * try (Shaper shaper = Shaper.start(ShaperOptions.loopbackEphemeral())) {
 *   var client = new ToxiproxyClient("127.0.0.1", shaper.apiAddress().getPort());
 * }
 * }</pre>
 *
 * <p>Threads: proxied traffic runs on one event loop per core (epoll where available, NIO
 * otherwise); the API has one loop of its own.
 */
public final class Shaper implements AutoCloseable {
  private final EventLoopGroup apiGroup;
  private final EventLoopGroup proxyGroup;
  private final ProxyRegistry registry;
  private final ApiServer api;
  private final Transport transport;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Shaper(
      EventLoopGroup apiGroup, EventLoopGroup proxyGroup, ProxyRegistry registry, ApiServer api,
      Transport transport) {
    this.apiGroup = apiGroup;
    this.proxyGroup = proxyGroup;
    this.registry = registry;
    this.api = api;
    this.transport = transport;
  }

  /**
   * Starts the proxies of {@code options.config()} (if any) and the API; returns once the API
   * accepts connections.
   *
   * @throws IOException if the API cannot listen, or the config file cannot be read or applied
   */
  public static Shaper start(ShaperOptions options) throws IOException {
    LogWarmUp.run();
    Transport detected = Transport.detect();
    Transport transport = options.reusePort() ? detected.withReusePort() : detected;
    EventLoopGroup apiGroup = transport.newGroup(1, "shaper-api");
    EventLoopGroup proxyGroup =
        transport.newGroup(Runtime.getRuntime().availableProcessors(), "shaper-io");
    ProxyRegistry registry = new ProxyRegistry(proxyGroup, transport, options.random());
    try {
      if (options.config().isPresent()) {
        try {
          registry.populate(ShaperConfig.read(options.config().get()));
        } catch (ApiException e) {
          throw new IOException(options.config().get() + ": " + e.getMessage(), e);
        }
      }
      ApiServer api =
          ApiServer.start(
              new InetSocketAddress(options.host(), options.port()), apiGroup, transport, registry);
      return new Shaper(apiGroup, proxyGroup, registry, api, transport);
    } catch (IOException | RuntimeException e) {
      registry.close();
      shutdown(apiGroup, proxyGroup);
      throw e;
    }
  }

  /** The API's bound address (port resolved when 0 was asked for). */
  public InetSocketAddress apiAddress() {
    return api.address();
  }

  /** {@code epoll} or {@code nio}. */
  public String transport() {
    return transport.name();
  }

  /** Stops the API, every proxy listener and every proxied connection. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      api.close();
      registry.close();
      shutdown(apiGroup, proxyGroup);
    }
  }

  private static void shutdown(EventLoopGroup... groups) {
    for (EventLoopGroup group : groups) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }
    for (EventLoopGroup group : groups) {
      group.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
  }
}
