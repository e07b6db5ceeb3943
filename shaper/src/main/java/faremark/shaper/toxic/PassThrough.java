package faremark.shaper.toxic;

import io.netty.buffer.ByteBuf;

/** A toxic whose toxicity roll failed on this connection and direction: data flows untouched. */
public final class PassThrough extends Stage {
  public PassThrough(LinkContext link) {
    super(link);
  }

  @Override
  public void onData(ByteBuf chunk) {
    next().onData(chunk);
  }

  @Override
  public void onEnd() {
    next().onEnd();
  }
}
