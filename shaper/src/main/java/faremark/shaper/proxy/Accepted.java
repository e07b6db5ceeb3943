package faremark.shaper.proxy;

import faremark.shaper.Transport;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * First handler of an accepted client socket: once it is active, dials the upstream (reading from
 * the client stays off until that succeeds) and steps aside for the client's {@link Endpoint}.
 */
final class Accepted extends ChannelInboundHandlerAdapter {
  private final ProxyServer proxy;
  private final Transport transport;
  private final Endpoint endpoint;
  private final String upstream;

  Accepted(ProxyServer proxy, Transport transport, Endpoint endpoint, String upstream) {
    this.proxy = proxy;
    this.transport = transport;
    this.endpoint = endpoint;
    this.upstream = upstream;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.pipeline().remove(this);
    Connection.open(ctx.channel(), endpoint, proxy, transport, upstream);
    ctx.fireChannelActive();
  }
}
