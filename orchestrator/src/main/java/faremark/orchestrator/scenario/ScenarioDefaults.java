package faremark.orchestrator.scenario;

import faremark.contract.ConnectionReuse;
import faremark.contract.DataSize;
import faremark.contract.Route;
import faremark.fareserver.OverflowPolicy;
import faremark.fareserver.ServiceTime;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Every default and every bound of a scenario file, in one place (as JMH keeps its defaults), so
 * the README's reference, the loader and the resolved scenario cannot drift apart. The defaults
 * are the article's experiment: Prague → Brno, 100 days, ~290 ms per request.
 */
public final class ScenarioDefaults {
  private ScenarioDefaults() {}

  // job
  public static final Route ROUTE = new Route("PRG", "BRQ");
  public static final LocalDate START_DATE = LocalDate.of(2018, 6, 1);
  public static final int DAYS = 100;

  // server: the fare server always binds loopback on a free port; the runner learns the port.
  public static final String SERVER_HOST = "127.0.0.1";
  public static final int SERVER_PORT = 0;
  /** 0: Netty's default event-loop size; not a scenario field (the server must not bottleneck). */
  public static final int SERVER_IO_THREADS = 0;
  public static final long SEED = 42L;
  public static final DataSize PAYLOAD = DataSize.ofKiB(8);
  public static final ServiceTime SERVICE_TIME = new ServiceTime.Fixed(Duration.ofMillis(290));
  /** 0 = unlimited, written {@code unlimited} in YAML. */
  public static final int MAX_CONNECTIONS = 0;
  public static final int MAX_IN_FLIGHT = 0;
  public static final OverflowPolicy OVERFLOW = OverflowPolicy.QUEUE;
  public static final Duration RETRY_AFTER = Duration.ofSeconds(1);
  /** Zero: idle keep-alive connections are never closed; written {@code none} in YAML. */
  public static final Duration KEEP_ALIVE_TIMEOUT = Duration.ZERO;

  // client
  public static final int CONCURRENCY = 100;
  public static final ConnectionReuse CONNECTIONS = ConnectionReuse.SHARED;
  /** poolSize defaults to the concurrency: every in-flight request can have its connection. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  /** 0 = the multi-process model picks its own worker count; written {@code auto} in YAML. */
  public static final int PROCESSES = 0;
  /** No retries: a request that fails because of an injected fault counts as failed. */
  public static final int RETRIES = 0;
  public static final int MIN_RETRIES = 0;

  // experiment
  /** models: every Java model of the catalog, then every external model the file defines. */
  public static final int REPETITIONS = 3;
  public static final Duration SAMPLE_INTERVAL = Duration.ofMillis(10);
  public static final Optional<DataSize> MEMORY_LIMIT = Optional.empty();
  public static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
  public static final List<String> JVM_ARGS = List.of();
  /** No warm-up pass: the request phase includes the runtime's first use of the request path. */
  public static final int WARMUP = 0;
  public static final int MIN_WARMUP = 0;
  /** No first-use reference runs. */
  public static final int FIRST_USE_RUNS = 0;
  public static final int MIN_FIRST_USE_RUNS = 0;
  /** Warm-up passes of a first-use reference run: "warm" means after one pass of the same job. */
  public static final int FIRST_USE_WARMUP = 1;
  public static final String DESCRIPTION = "";
  /** A short verified run of each model before the measured ones (see experiment/Preflight). */
  public static final boolean PREFLIGHT = true;

  // bounds (inclusive minimums): below them a run measures nothing useful or cannot start
  public static final int MIN_DAYS = 1;
  public static final int MIN_CONCURRENCY = 1;
  public static final int MIN_POOL_SIZE = 1;
  public static final int MIN_PROCESSES = 1;
  public static final int MIN_REPETITIONS = 1;
  public static final int MIN_LIMIT = 1;
  public static final DataSize MIN_PAYLOAD = DataSize.ofBytes(1);
  public static final Duration MIN_SAMPLE_INTERVAL = Duration.ofMillis(1);
  public static final Duration MIN_TIMEOUT = Duration.ofMillis(1);
  public static final Duration MIN_RUN_TIMEOUT = Duration.ofSeconds(1);
  public static final Duration MIN_KEEP_ALIVE_TIMEOUT = Duration.ofMillis(1);
  /** No process, let alone a JVM, starts under 1 MiB; a smaller limit is a unit mistake. */
  public static final DataSize MIN_MEMORY_LIMIT = DataSize.ofMiB(1);

  // YAML words
  public static final String UNLIMITED = "unlimited";
  public static final String AUTO = "auto";
  public static final String NO_MEMORY_LIMIT = "none";
  public static final String NO_KEEP_ALIVE_TIMEOUT = "none";
  /** In an external model's command, replaced by the path of the spec JSON file. */
  public static final String SPEC_PLACEHOLDER = "{spec}";
  /** Scenario names and external model ids: usable in folder names, CSV and reports. */
  public static final String ID_PATTERN = "[a-z0-9][a-z0-9-]*";
}
