package faremark.shaper.proxy;

import faremark.shaper.Transport;
import faremark.shaper.toxic.ToxicSpec;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One named proxy: a listener on {@code listen} that forwards each accepted connection to
 * {@code upstream} through the proxy's toxics. Disabling it closes the listener and every open
 * connection, as Toxiproxy's {@code stop} does; enabling it listens again.
 */
public final class ProxyServer {
  private final String name;
  private final EventLoopGroup group;
  private final Transport transport;
  private final RandomGenerator random;
  private final ToxicSet toxics = new ToxicSet();
  private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private String listen;
  // Read without the lock by accepting event loops: a loop must never wait for the API thread,
  // which may hold the lock while waiting for that loop to close channels.
  private volatile String upstream;
  private boolean enabled;
  private Channel listener;

  /** A snapshot for the API: {@code {name, listen, upstream, enabled, toxics}}. */
  public record View(
      String name, String listen, String upstream, boolean enabled, List<ToxicSpec> toxics) {}

  ProxyServer(
      String name, String listen, String upstream, EventLoopGroup group, Transport transport,
      RandomGenerator random) {
    this.name = name;
    this.random = random;
    this.listen = listen;
    this.upstream = upstream;
    this.group = group;
    this.transport = transport;
  }

  public String name() {
    return name;
  }

  public synchronized View view() {
    return new View(name, listen, upstream, enabled, toxics.list());
  }

  public synchronized String listen() {
    return listen;
  }

  public synchronized String upstream() {
    return upstream;
  }

  public synchronized boolean enabled() {
    return enabled;
  }

  /** The shaper's generator, for the toxics' draws on this proxy's connections. */
  RandomGenerator random() {
    return random;
  }

  ToxicSet toxics() {
    return toxics;
  }

  public ToxicSetApi toxicApi() {
    return new ToxicSetApi(toxics);
  }

  /** Toxiproxy's {@code Update}: a new address restarts the proxy; {@code enabled} starts or stops it. */
  public synchronized void update(String newListen, String newUpstream, boolean newEnabled) {
    if (!newListen.equals(listen) || !newUpstream.equals(upstream)) {
      stop();
      listen = newListen;
      upstream = newUpstream;
    }
    if (newEnabled != enabled) {
      if (newEnabled) {
        start();
      } else {
        stop();
      }
    }
  }

  /** Listens on {@code listen} (port 0 picks a free port, which {@code listen} then shows). */
  public synchronized void start() {
    if (enabled) {
      return;
    }
    InetSocketAddress address;
    try {
      address = HostPort.parse(listen.isEmpty() ? "127.0.0.1:0" : listen).resolve();
    } catch (Exception e) {
      throw new ApiException(500, "listen tcp " + listen + ": " + e.getMessage());
    }
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(group, group)
            .channel(transport.serverChannel())
            .option(ChannelOption.SO_BACKLOG, 4096)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.AUTO_READ, false)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel client) {
                    connections.add(client);
                    Endpoint endpoint = new Endpoint();
                    client
                        .pipeline()
                        .addLast(
                            new Accepted(ProxyServer.this, transport, endpoint, currentUpstream()),
                            endpoint);
                  }
                });
    ChannelFuture bound = transport.listenOptions(bootstrap).bind(address).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      throw new ApiException(
          500, "listen tcp " + listen + ": bind: " + bound.cause().getMessage());
    }
    listener = bound.channel();
    listen = HostPort.format((InetSocketAddress) listener.localAddress());
    enabled = true;
  }

  /** Closes the listener and every connection through this proxy. */
  public synchronized void stop() {
    if (!enabled) {
      return;
    }
    enabled = false;
    listener.close().awaitUninterruptibly();
    listener = null;
    connections.close().awaitUninterruptibly();
  }

  void track(Channel upstreamChannel) {
    connections.add(upstreamChannel);
  }

  private String currentUpstream() {
    return upstream;
  }
}
