package faremark.shaper.proxy;

import faremark.shaper.toxic.LinkContext;
import faremark.shaper.toxic.Stage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.ReferenceCountUtil;

/**
 * The end of a link's chain: writes to the destination socket. The end of stream closes the
 * destination (after what was written is flushed), as Toxiproxy closes its output connection, which
 * in turn ends the other direction.
 */
final class Sink extends Stage {
  private final Channel destination;
  private boolean ended;

  Sink(LinkContext link, Channel destination) {
    super(link);
    this.destination = destination;
  }

  @Override
  public void onData(ByteBuf chunk) {
    if (ended) {
      ReferenceCountUtil.release(chunk);
      return;
    }
    destination.writeAndFlush(chunk, destination.voidPromise());
  }

  @Override
  public void onEnd() {
    if (!ended) {
      ended = true;
      destination.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
