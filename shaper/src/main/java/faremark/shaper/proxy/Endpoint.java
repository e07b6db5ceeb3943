package faremark.shaper.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * One socket of a proxied connection: what it reads feeds {@code reading}; its writability gates
 * {@code writing}, the link that writes to it. Input shutdown (the peer's FIN) and close both end
 * {@code reading}.
 */
final class Endpoint extends ChannelInboundHandlerAdapter {
  private Link reading;
  private Link writing;
  private Runnable onInactive = () -> {};

  void bind(Link reading, Link writing, Runnable onInactive) {
    this.reading = reading;
    this.writing = writing;
    this.onInactive = onInactive;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (reading != null && msg instanceof ByteBuf chunk) {
      reading.input(chunk);
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (reading != null) {
      reading.readComplete();
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof ChannelInputShutdownEvent && reading != null) {
      reading.inputEnded();
    }
    ReferenceCountUtil.release(event);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (writing != null) {
      writing.updateReading();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (reading != null) {
      reading.inputEnded();
    }
    onInactive.run();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A reset or broken pipe: the socket is done; closing it ends both directions in turn.
    ctx.close();
  }
}
