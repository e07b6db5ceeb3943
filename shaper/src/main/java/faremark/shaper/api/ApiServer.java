package faremark.shaper.api;

import faremark.shaper.Transport;
import faremark.shaper.proxy.ProxyRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The HTTP listener of the API. It runs on its own single-thread loop: a request may wait for a
 * proxy to bind or for a toxic change to reach every open connection, and must not stall the loops
 * that carry proxied traffic.
 */
public final class ApiServer implements AutoCloseable {
  private static final int MAX_BODY_BYTES = 1 << 20;

  private final Channel listener;

  private ApiServer(Channel listener) {
    this.listener = listener;
  }

  public static ApiServer start(
      InetSocketAddress address, EventLoopGroup group, Transport transport, ProxyRegistry registry)
      throws IOException {
    ApiRoutes routes = new ApiRoutes(registry);
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(group, group)
            .channel(transport.serverChannel())
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel channel) {
                    channel
                        .pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpServerExpectContinueHandler())
                        .addLast(new HttpObjectAggregator(MAX_BODY_BYTES))
                        .addLast(new Handler(routes));
                  }
                });
    ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      throw new IOException(
          "cannot listen on " + address.getHostString() + ":" + address.getPort() + ": "
              + bound.cause().getMessage(),
          bound.cause());
    }
    return new ApiServer(bound.channel());
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) listener.localAddress();
  }

  @Override
  public void close() {
    listener.close().awaitUninterruptibly();
  }

  private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final ApiRoutes routes;

    Handler(ApiRoutes routes) {
      this.routes = routes;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      ApiResponse answer;
      try {
        answer =
            routes.handle(
                request.method().name(),
                request.uri(),
                request.headers().get(HttpHeaderNames.USER_AGENT),
                ByteBufUtil.getBytes(request.content()));
      } catch (RuntimeException e) {
        answer =
            ApiResponse.text(500, ApiResponse.PLAIN_TEXT, "internal error: " + e + "\n");
      }
      FullHttpResponse response =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1,
              HttpResponseStatus.valueOf(answer.status()),
              Unpooled.wrappedBuffer(answer.body()));
      if (answer.contentType() != null) {
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
      }
      HttpUtil.setContentLength(response, answer.body().length);
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      HttpUtil.setKeepAlive(response, keepAlive);
      ChannelFuture written = ctx.writeAndFlush(response);
      if (!keepAlive) {
        written.addListener(ChannelFutureListener.CLOSE);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
