package faremark.shaper.toxic;

import io.netty.channel.EventLoop;
import java.util.random.RandomGenerator;

/**
 * What a toxic's stage may do to the one-way link it sits in. Every call happens on the link's
 * event loop, so stages need no locks.
 */
public interface LinkContext {
  /** The loop that runs this link: stages schedule their delays on it, never on a thread of their own. */
  EventLoop eventLoop();

  /**
   * Data a stage holds back (positive) or lets go (negative), in bytes. The link stops reading from
   * its source while too much is held, so a slow toxic never buffers without bound.
   */
  void held(long deltaBytes);

  /** Ends the whole connection with a TCP RST on both sides (SO_LINGER 0), as reset_peer does. */
  void reset();

  /**
   * Where every random draw of a toxic comes from (toxicity, jitter, slice sizes): the shaper's
   * one generator, seeded with {@code -seed} as Toxiproxy's, else unseeded. Use it on the event
   * loop, at the draw; do not keep what it returns.
   */
  RandomGenerator random();
}
