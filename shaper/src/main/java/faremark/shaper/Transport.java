package faremark.shaper;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.StandardSocketOptions;

/**
 * The socket transport: epoll where its native library loads, NIO otherwise. Epoll matters for
 * latency accuracy: it sleeps on a timerfd with microsecond precision, where NIO's selector rounds
 * every delay up to a whole millisecond.
 *
 * @param reusePort proxies listen with {@code SO_REUSEPORT}, so that several shaper processes can
 *     listen on one port and the kernel spreads the connections over them: one process holds two
 *     descriptors per connection, so at 10,000 connections one alone would need more than the
 *     20,000 open files a process may have on many machines. The API never shares its port.
 */
public record Transport(
    String name,
    IoHandlerFactory ioHandlers,
    Class<? extends ServerChannel> serverChannel,
    Class<? extends Channel> socketChannel,
    boolean reusePort) {

  public Transport(
      String name,
      IoHandlerFactory ioHandlers,
      Class<? extends ServerChannel> serverChannel,
      Class<? extends Channel> socketChannel) {
    this(name, ioHandlers, serverChannel, socketChannel, false);
  }

  /** The same transport, its proxies' listeners sharing their port ({@code SO_REUSEPORT}). */
  public Transport withReusePort() {
    return new Transport(name, ioHandlers, serverChannel, socketChannel, true);
  }

  /** Sets {@code SO_REUSEPORT} on a proxy's listener where {@link #reusePort()} asks for it. */
  public ServerBootstrap listenOptions(ServerBootstrap bootstrap) {
    if (!reusePort) {
      return bootstrap;
    }
    return serverChannel == EpollServerSocketChannel.class
        ? bootstrap.option(EpollChannelOption.SO_REUSEPORT, true)
        : bootstrap.option(NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT), true);
  }

  public static Transport detect() {
    if (!Boolean.getBoolean("faremark.shaper.nio") && Epoll.isAvailable()) {
      return new Transport(
          "epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class,
          EpollSocketChannel.class);
    }
    return nio();
  }

  public static Transport nio() {
    return new Transport(
        "nio", NioIoHandler.newFactory(), NioServerSocketChannel.class, NioSocketChannel.class);
  }

  public EventLoopGroup newGroup(int threads, String threadName) {
    return new MultiThreadIoEventLoopGroup(
        threads, new DefaultThreadFactory(threadName, true), ioHandlers);
  }
}
