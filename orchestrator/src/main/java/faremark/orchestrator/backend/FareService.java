package faremark.orchestrator.backend;

import faremark.fareserver.BarrierState;
import faremark.fareserver.ServerStats;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * The fare server of one experiment, wherever it runs: in this JVM (local backend) or in its own
 * container (docker backend). The orchestrator fetches the expected answer and the server's
 * counters through it; workloads never use {@link #uri()}, they go through the proxy.
 */
public interface FareService extends AutoCloseable {

  /** Where this process reaches the server, {@code http://127.0.0.1:port}. */
  URI uri();

  /** Zeroes the counters before a run, so {@link #stats()} covers that run only. */
  void resetStats() throws IOException;

  /** The counters since the last reset. */
  ServerStats stats() throws IOException;

  /**
   * Arms the server's barrier for the next run: its {@code /fares} answers are held until {@code
   * target} requests are in service at once, or {@code timeout} after the first held one; target
   * 0 turns it off (and lets go of anything still held).
   */
  void armBarrier(int target, Duration timeout) throws IOException;

  /** The current run's barrier: held so far, released, the server's in-flight count then. */
  BarrierState barrier() throws IOException;

  /** One console line: where, and what runs it. */
  String describe();

  @Override
  void close();
}
