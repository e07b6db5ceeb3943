package faremark.orchestrator.scenario;

import faremark.fareserver.Limits;
import java.time.Duration;
import java.util.Optional;

/**
 * What a scenario's request phase should take if the server's service time is all that costs:
 * waves of requests × mean service time. These are the figures the results are checked
 * against (sequential ≈ days × service time; a cap of 5 ≈ days / 5 × service time); runtime
 * start-up, connection set-up and the network are not included.
 */
public final class Estimates {
  private Estimates() {}

  /**
   * The estimated request phase of one run of {@code model}; empty for external models and for
   * multi-process without a fixed worker count, whose parallelism we do not know.
   */
  public static Optional<Duration> requestPhase(Scenario s, String model) {
    int days = s.job().days();
    Duration mean = s.server().serviceTime().mean();
    int parallel =
        switch (model) {
          case "sequential" -> 1;
          // each worker is sequential; the days are shared between the workers
          case "multi-process" -> s.client().processes();
          case "thread-pool", "virtual-threads", "async" -> clientParallelism(s);
          default -> 0;
        };
    if (parallel == 0) {
      return Optional.empty();
    }
    parallel = Math.min(parallel, serverParallelism(s.server().limits()));
    long waves = (days + parallel - 1) / parallel;
    return Optional.of(mean.multipliedBy(waves));
  }

  /** The sequential model's figure: days × mean service time (the article's ~29 s). */
  public static Duration sequential(Scenario s) {
    return s.server().serviceTime().mean().multipliedBy(s.job().days());
  }

  /** Requests one concurrent client has in flight: concurrency, capped by a shared pool. */
  static int clientParallelism(Scenario s) {
    ClientSettings c = s.client();
    return switch (c.connections()) {
      case SHARED -> Math.min(c.concurrency(), c.poolSize());
      case PER_REQUEST -> c.concurrency();
    };
  }

  /** Requests the server works on at once: the smaller of its caps, unlimited if none. */
  static int serverParallelism(Limits limits) {
    int cap = Integer.MAX_VALUE;
    if (limits.connectionsCapped()) {
      cap = Math.min(cap, limits.maxConnections());
    }
    if (limits.inFlightCapped()) {
      cap = Math.min(cap, limits.maxInFlight());
    }
    return cap;
  }
}
