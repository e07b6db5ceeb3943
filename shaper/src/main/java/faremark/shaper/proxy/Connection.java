package faremark.shaper.proxy;

import faremark.shaper.Transport;
import faremark.shaper.toxic.Direction;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;
import java.util.random.RandomGenerator;

/**
 * One proxied TCP connection: the accepted client socket, a socket to the upstream on the same
 * event loop, and a {@link Link} each way. Like Toxiproxy, the upstream is dialled when the client
 * connects, and a client whose upstream cannot be reached is closed.
 */
final class Connection {
  private final Channel client;
  private final Endpoint clientEndpoint;
  private final ToxicSet toxics;
  private final RandomGenerator random;
  private Channel upstream;
  private Link up;
  private Link down;
  private int open = 2;

  private Connection(Channel client, Endpoint clientEndpoint, ToxicSet toxics, RandomGenerator random) {
    this.client = client;
    this.clientEndpoint = clientEndpoint;
    this.toxics = toxics;
    this.random = random;
  }

  /** Called on the client channel's event loop once it is active (reading is still off). */
  static void open(
      Channel client, Endpoint clientEndpoint, ProxyServer proxy, Transport transport,
      String upstreamAddress) {
    Connection connection = new Connection(client, clientEndpoint, proxy.toxics(), proxy.random());
    InetSocketAddress address;
    try {
      address = HostPort.parse(upstreamAddress).resolve();
    } catch (Exception e) {
      client.close();
      return;
    }
    Endpoint upstreamEndpoint = new Endpoint();
    ChannelFuture connect =
        new Bootstrap()
            .group(client.eventLoop())
            .channel(transport.socketChannel())
            .option(ChannelOption.AUTO_READ, false)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
            .handler(upstreamEndpoint)
            .connect(address);
    if (connect.isDone() && !connect.isSuccess() && !connect.channel().isRegistered()) {
      // No socket could be made (EMFILE: the process is out of descriptors). Netty then hands
      // back a placeholder channel on no event loop, which cannot be closed (close() throws) and
      // must not be tracked (stopping the proxy would throw on it): close the client, as when the
      // upstream cannot be reached, so it is told at once and its descriptor is freed.
      client.close();
      return;
    }
    proxy.track(connect.channel());
    connect.addListener(
        (ChannelFuture done) -> {
          if (!done.isSuccess() || !client.isActive()) {
            done.channel().close();
            client.close();
            return;
          }
          connection.begin(done.channel(), upstreamEndpoint);
        });
  }

  private void begin(Channel upstream, Endpoint upstreamEndpoint) {
    this.upstream = upstream;
    up = new Link(this, Direction.UPSTREAM, client, upstream, random);
    down = new Link(this, Direction.DOWNSTREAM, upstream, client, random);
    if (toxics.attach(up, down)) {
      linger(client);
      linger(upstream);
    }
    clientEndpoint.bind(up, down, this::closed);
    upstreamEndpoint.bind(down, up, this::closed);
    client.config().setAutoRead(true);
    upstream.config().setAutoRead(true);
  }

  /** One socket closed; when both are, the links let go of what they hold. */
  private void closed() {
    if (--open == 0) {
      toxics.detach(up);
      toxics.detach(down);
      up.release();
      down.release();
    }
  }

  /** reset_peer: RST to both peers. */
  void reset() {
    for (Channel channel : new Channel[] {client, upstream}) {
      if (channel.isOpen()) {
        linger(channel);
        channel.close();
      }
    }
  }

  /** SO_LINGER 0: closing the socket discards unsent data and sends an RST. */
  private static void linger(Channel channel) {
    try {
      channel.config().setOption(ChannelOption.SO_LINGER, 0);
    } catch (RuntimeException alreadyClosing) {
      // The socket is going away anyway.
    }
  }
}
