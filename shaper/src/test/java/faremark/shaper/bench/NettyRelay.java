package faremark.shaper.bench;

import faremark.shaper.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.AbstractEpollStreamChannel;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;

/**
 * A minimal TCP relay on the shaper's transport, as a floor to compare the shaper with: no API, no
 * toxics, just bytes. {@code copy} reads into pooled buffers and writes them on, flushing once per
 * read burst (what the shaper's no-toxic path does); {@code splice} moves the bytes in the kernel
 * with Netty's {@code spliceTo} (socket → pipe → socket, epoll only; each direction holds a pipe,
 * so 6 descriptors per connection instead of 2).
 *
 * <pre>java -cp shaper.jar:test-classes faremark.shaper.bench.NettyRelay copy|splice LISTEN_PORT UPSTREAM_PORT</pre>
 *
 * Prints {@code relay listening on 127.0.0.1:PORT} when ready; runs until killed.
 */
public final class NettyRelay {
  private NettyRelay() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 3 || !(args[0].equals("copy") || args[0].equals("splice"))) {
      System.err.println("usage: NettyRelay copy|splice LISTEN_PORT UPSTREAM_PORT");
      System.exit(2);
    }
    boolean splice = args[0].equals("splice");
    Transport transport = Transport.detect();
    if (splice && !transport.name().equals("epoll")) {
      System.err.println("NettyRelay: splice needs the epoll transport");
      System.exit(2);
    }
    InetSocketAddress upstream = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[2]));
    EventLoopGroup group =
        transport.newGroup(Runtime.getRuntime().availableProcessors(), "relay-io");
    Channel listener =
        new ServerBootstrap()
            .group(group)
            .channel(transport.serverChannel())
            .option(ChannelOption.SO_BACKLOG, 4096)
            .childOption(ChannelOption.AUTO_READ, false)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<>() {
                  @Override
                  protected void initChannel(Channel client) {
                    client.pipeline().addLast(new Dial(transport, upstream, splice));
                  }
                })
            .bind(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1])))
            .sync()
            .channel();
    System.out.println("relay listening on 127.0.0.1:"
        + ((InetSocketAddress) listener.localAddress()).getPort() + " (" + args[0] + ", "
        + transport.name() + ")");
    listener.closeFuture().sync();
  }

  /** On the accepted socket: dials the upstream on the same event loop, then relays both ways. */
  private static final class Dial extends ChannelInboundHandlerAdapter {
    private final Transport transport;
    private final InetSocketAddress upstream;
    private final boolean splice;

    Dial(Transport transport, InetSocketAddress upstream, boolean splice) {
      this.transport = transport;
      this.upstream = upstream;
      this.splice = splice;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      Channel client = ctx.channel();
      Forward toClient = new Forward(client);
      ChannelFuture connect =
          new Bootstrap()
              .group(client.eventLoop())
              .channel(transport.socketChannel())
              .option(ChannelOption.AUTO_READ, false)
              .option(ChannelOption.TCP_NODELAY, true)
              .handler(toClient)
              .connect(upstream);
      connect.addListener(
          (ChannelFuture done) -> {
            if (!done.isSuccess()) {
              client.close();
              return;
            }
            Channel server = done.channel();
            ctx.pipeline().replace(this, "forward", new Forward(server));
            if (splice) {
              ((AbstractEpollStreamChannel) client)
                  .spliceTo((AbstractEpollStreamChannel) server, Integer.MAX_VALUE)
                  .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
              ((AbstractEpollStreamChannel) server)
                  .spliceTo((AbstractEpollStreamChannel) client, Integer.MAX_VALUE)
                  .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            }
            client.config().setAutoRead(true);
            server.config().setAutoRead(true);
          });
    }
  }

  /** Writes what its socket reads to {@code peer}; one flush per read burst; a close closes both. */
  private static final class Forward extends ChannelInboundHandlerAdapter {
    private final Channel peer;

    Forward(Channel peer) {
      this.peer = peer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      peer.write(msg, peer.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      peer.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      // Backpressure: stop reading the peer while this socket cannot take more.
      peer.config().setAutoRead(ctx.channel().isWritable());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
