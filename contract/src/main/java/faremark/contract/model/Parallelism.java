package faremark.contract.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How many requests a model has in flight at once, as a rule over the scenario's knobs: what the
 * orchestrator's ideal request phase ({@code scenario/Estimates}) divides the days by. A model
 * declares which rule is its own; the figures come from the scenario, so a new model needs no
 * code in the estimate, only the right constant. Ids are the words used in {@code models.json}.
 */
public enum Parallelism {
  /** One request at a time (sequential, py-sequential). */
  ONE("one"),
  /**
   * {@code client.processes} workers, each one request at a time (multi-process,
   * py-multiprocessing); unknown, so no estimate, when processes is {@code auto}.
   */
  PROCESSES("processes"),
  /**
   * {@code client.concurrency}, capped by {@code client.poolSize} when connections are shared:
   * a client whose pool makes requests wait for a connection (the Java models).
   */
  CLIENT_POOL("client-pool"),
  /**
   * {@code client.concurrency}; capped by {@code poolSize} only with {@code
   * python.requestsPoolBlock} (requests opens extra connections past its pool otherwise).
   */
  REQUESTS_POOL("requests-pool"),
  /** Like {@link #REQUESTS_POOL}, on a gevent pool of {@code python.geventPoolSize} greenlets. */
  GEVENT_POOL("gevent-pool"),
  /**
   * {@code client.concurrency}, capped by aiohttp's connector: {@code poolSize} (its limit) and
   * {@code python.aiohttpLimitPerHost} when connections are shared.
   */
  AIOHTTP_CONNECTOR("aiohttp-connector");

  private final String id;

  Parallelism(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /**
   * @throws IllegalArgumentException naming the ids it expected
   */
  public static Parallelism of(String id) {
    for (Parallelism p : values()) {
      if (p.id.equals(id)) {
        return p;
      }
    }
    throw new IllegalArgumentException("expected one of " + ids() + ", got '" + id + "'");
  }

  public static String ids() {
    return Arrays.stream(values()).map(Parallelism::id).collect(Collectors.joining(", "));
  }
}
