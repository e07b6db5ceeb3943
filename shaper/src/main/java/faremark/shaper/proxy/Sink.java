package faremark.shaper.proxy;

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
 *
 * <p>Chunks that arrive while the link's source is being read are written but flushed once, when
 * that read ends: the chunks of one read burst leave in one {@code writev} instead of one
 * {@code write} each. Chunks a toxic releases later (from a timer, or an API change) are flushed
 * at once, so no toxic's timing waits for a flush.
 */
final class Sink extends Stage {
  private final Link link;
  private final Channel destination;
  private boolean ended;
  private boolean unflushed;

  Sink(Link link, Channel destination) {
    super(link);
    this.link = link;
    this.destination = destination;
  }

  @Override
  public void onData(ByteBuf chunk) {
    if (ended) {
      ReferenceCountUtil.release(chunk);
      return;
    }
    if (link.reading()) {
      destination.write(chunk, destination.voidPromise());
      unflushed = true;
    } else {
      destination.writeAndFlush(chunk, destination.voidPromise());
    }
  }

  /** The source's read burst ended: what it wrote goes out now. */
  void flush() {
    if (unflushed) {
      unflushed = false;
      destination.flush();
    }
  }

  @Override
  public void onEnd() {
    if (!ended) {
      ended = true;
      destination.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
