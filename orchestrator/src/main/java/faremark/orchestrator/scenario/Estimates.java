package faremark.orchestrator.scenario;

import faremark.contract.ConnectionReuse;
import faremark.contract.model.ModelDeclaration;
import faremark.contract.model.Parallelism;
import faremark.fareserver.Limits;
import faremark.orchestrator.model.Models;
import java.time.Duration;
import java.util.Optional;

/**
 * What a scenario's request phase should take if the server and the shaped network are all that
 * cost: waves of requests × (mean service time + the network's mean added round trip + the time
 * the downstream bandwidth toxic takes for one payload). These are the figures the results are
 * checked against (sequential ≈ days × (service time + rtt); a cap of 5 ≈ days / 5 × …); runtime
 * start-up, connection set-up (the proxy accepts at once: Toxiproxy does not delay handshakes)
 * and the loopback itself are not included. Faults (resets, timeouts) are not modelled. Each
 * model's share comes from the {@link Parallelism} it declares, never from its id.
 */
public final class Estimates {
  private Estimates() {}

  /**
   * The estimated request phase of one run of {@code model}; empty for external models and for
   * multi-process without a fixed worker count, whose parallelism we do not know.
   */
  public static Optional<Duration> requestPhase(Scenario s, String model) {
    Optional<Parallelism> declared = Models.find(model).map(ModelDeclaration::parallelism);
    if (declared.isEmpty()) {
      return Optional.empty(); // an external model: its parallelism is its own business
    }
    int days = s.job().days();
    Duration mean = perRequest(s);
    int parallel = parallelism(s, declared.get());
    if (parallel == 0) {
      return Optional.empty();
    }
    Limits limits = s.server().limits();
    int clientParallel = parallel;
    parallel = Math.min(parallel, serverParallelism(limits));
    long waves = (days + parallel - 1) / parallel;
    Duration estimate = mean.multipliedBy(waves);
    if (heldByIdleConnections(s, declared.get(), clientParallel)) {
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
   * idle), and without a timeout the queued connections would wait for ever. One request at a
   * time (alone or per worker process) never holds more than one connection.
   */
  private static boolean heldByIdleConnections(Scenario s, Parallelism model, int clientParallel) {
    Limits limits = s.server().limits();
    boolean concurrent = switch (model) {
      case ONE, PROCESSES -> false;
      case CLIENT_POOL, REQUESTS_POOL, GEVENT_POOL, AIOHTTP_CONNECTOR -> true;
    };
    return limits.connectionsCapped()
        && limits.closesIdleConnections()
        && s.client().connections() == ConnectionReuse.SHARED
        && concurrent
        && clientParallel > limits.maxConnections()
        && clientParallel >= s.job().days();
  }

  /**
   * Requests a model of this parallelism has in flight under the scenario's knobs; 0 when that
   * is not known (multi-process with {@code processes: auto}).
   */
  static int parallelism(Scenario s, Parallelism model) {
    ClientSettings c = s.client();
    PythonSettings p = s.python();
    boolean shared = c.connections() == ConnectionReuse.SHARED;
    return switch (model) {
      case ONE -> 1;
      // each worker is sequential; the days are shared between the workers
      case PROCESSES -> c.processes();
      case CLIENT_POOL -> clientParallelism(s);
      // aiohttp's connector waits at its limit (poolSize) and limit_per_host
      case AIOHTTP_CONNECTOR -> {
        int n = shared ? Math.min(c.concurrency(), c.poolSize()) : c.concurrency();
        yield shared && p.aiohttpLimitPerHost() > 0 ? Math.min(n, p.aiohttpLimitPerHost()) : n;
      }
      // gevent's pool size may differ from concurrency; requests' pool as below
      case GEVENT_POOL -> {
        int n = p.geventPoolSize() > 0 ? p.geventPoolSize() : c.concurrency();
        yield shared && p.requestsPoolBlock() ? Math.min(n, c.poolSize()) : n;
      }
      // requests' pool waits only with requestsPoolBlock, else opens extra connections
      case REQUESTS_POOL ->
          shared && p.requestsPoolBlock() ? Math.min(c.concurrency(), c.poolSize()) : c.concurrency();
    };
  }

  /**
   * Requests {@code model} has in service at the fare server at once under this scenario: its
   * parallelism, capped by the server's caps and by the days; empty for external models and for
   * multi-process with {@code processes: auto}, whose parallelism is not known. The fare server's
   * barrier waits for this many.
   */
  public static java.util.OptionalInt inFlight(Scenario s, String model) {
    Optional<Parallelism> declared = Models.find(model).map(ModelDeclaration::parallelism);
    if (declared.isEmpty()) {
      return java.util.OptionalInt.empty();
    }
    int parallel = parallelism(s, declared.get());
    if (parallel == 0) {
      return java.util.OptionalInt.empty();
    }
    return java.util.OptionalInt.of(Math.min(s.job().days(),
        Math.min(parallel, serverParallelism(s.server().limits()))));
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
