package faremark.orchestrator.scenario;

import faremark.contract.ConnectionReuse;
import faremark.fareserver.Limits;
import java.time.Duration;
import java.util.Optional;

/**
 * What a scenario's request phase should take if the server and the shaped network are all that
 * cost: waves of requests × (mean service time + the network's mean added round trip + the time
 * the downstream bandwidth toxic takes for one payload). These are the figures the results are
 * checked against (sequential ≈ days × (service time + rtt); a cap of 5 ≈ days / 5 × …); runtime
 * start-up, connection set-up (the proxy accepts at once: Toxiproxy does not delay handshakes)
 * and the loopback itself are not included. Faults (resets, timeouts) are not modelled.
 */
public final class Estimates {
  private Estimates() {}

  /**
   * The estimated request phase of one run of {@code model}; empty for external models and for
   * multi-process without a fixed worker count, whose parallelism we do not know.
   */
  public static Optional<Duration> requestPhase(Scenario s, String model) {
    int days = s.job().days();
    Duration mean = perRequest(s);
    int parallel =
        switch (model) {
          case "sequential", "py-sequential" -> 1;
          // each worker is sequential; the days are shared between the workers
          case "multi-process", "py-multiprocessing" -> s.client().processes();
          case "thread-pool", "virtual-threads", "async" -> clientParallelism(s);
          case "py-threads", "py-gevent", "py-asyncio" -> pythonParallelism(s, model);
          default -> 0;
        };
    if (parallel == 0) {
      return Optional.empty();
    }
    Limits limits = s.server().limits();
    int clientParallel = parallel;
    parallel = Math.min(parallel, serverParallelism(limits));
    long waves = (days + parallel - 1) / parallel;
    Duration estimate = mean.multipliedBy(waves);
    if (heldByIdleConnections(s, model, clientParallel)) {
      // Each connection carries one request, then holds its slot idle until the server closes
      // it; the next wave is admitted only then. The last wave's connections close after the end.
      estimate = estimate.plus(limits.keepAliveTimeout().multipliedBy(waves - 1));
    }
    return Optional.of(estimate);
  }

  /**
   * True when a connection cap is filled by a concurrent model's keep-alive connections: all
   * its requests start at once, each on its own pooled connection, so the queued connections
   * wait for the served ones to sit out the keep-alive timeout. Only that case is modelled:
   * with fewer workers than days a finished request's connection is reused at once (never
   * idle), and without a timeout the queued connections would wait for ever.
   */
  private static boolean heldByIdleConnections(Scenario s, String model, int clientParallel) {
    Limits limits = s.server().limits();
    return limits.connectionsCapped()
        && limits.closesIdleConnections()
        && s.client().connections() == ConnectionReuse.SHARED
        && !model.equals("sequential")
        && !model.equals("multi-process")
        && !model.equals("py-sequential")
        && !model.equals("py-multiprocessing")
        && clientParallel > limits.maxConnections()
        && clientParallel >= s.job().days();
  }

  /** The sequential model's figure: days × one request's time (the article's ~29 s). */
  public static Duration sequential(Scenario s) {
    return perRequest(s).multipliedBy(s.job().days());
  }

  /**
   * One request on an idle path: mean service time + mean added round trip + the payload's
   * transfer time at the downstream bandwidth. Toxiproxy shapes each connection on its own, so
   * concurrent requests do not share the bandwidth and each wave costs this much.
   */
  public static Duration perRequest(Scenario s) {
    Network n = s.network();
    return s.server().serviceTime().mean().plus(n.meanRoundTrip())
        .plus(n.transferTime(s.server().payload()));
  }

  /** Requests one concurrent client has in flight: concurrency, capped by a shared pool. */
  static int clientParallelism(Scenario s) {
    ClientSettings c = s.client();
    return switch (c.connections()) {
      case SHARED -> Math.min(c.concurrency(), c.poolSize());
      case PER_REQUEST -> c.concurrency();
    };
  }

  /**
   * The Python models' parallelism: aiohttp's connector waits at its limit (poolSize) and
   * limit_per_host; requests' pool waits only with requestsPoolBlock, otherwise it opens extra
   * connections beyond poolSize; gevent's pool size may differ from concurrency.
   */
  static int pythonParallelism(Scenario s, String model) {
    ClientSettings c = s.client();
    PythonSettings p = s.python();
    boolean shared = c.connections() == ConnectionReuse.SHARED;
    return switch (model) {
      case "py-asyncio" -> {
        int n = shared ? Math.min(c.concurrency(), c.poolSize()) : c.concurrency();
        yield shared && p.aiohttpLimitPerHost() > 0 ? Math.min(n, p.aiohttpLimitPerHost()) : n;
      }
      case "py-gevent" -> {
        int n = p.geventPoolSize() > 0 ? p.geventPoolSize() : c.concurrency();
        yield shared && p.requestsPoolBlock() ? Math.min(n, c.poolSize()) : n;
      }
      default -> shared && p.requestsPoolBlock() ? Math.min(c.concurrency(), c.poolSize()) : c.concurrency();
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
