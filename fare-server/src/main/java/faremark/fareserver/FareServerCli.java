package faremark.fareserver;

import faremark.contract.DataSize;
import faremark.contract.DurationText;
import java.time.Duration;
import java.util.function.Function;

/**
 * Reads the standalone server's flags into a {@link FareServerConfig}. Hand-written on purpose:
 * a dozen flags do not justify a dependency in the server image. Accepts {@code --flag value} and
 * {@code --flag=value}; every error names the flag and what it expects.
 */
final class FareServerCli {

  /** What the command line asks for. */
  sealed interface Command {}

  record Help() implements Command {}

  record Run(FareServerConfig config) implements Command {}

  /** A bad command line; the message is meant for the user as is. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  static final String USAGE =
      """
      usage: java -jar fare-server.jar [options]

        --host HOST            address to bind (default 127.0.0.1)
        --port N               port, 0 = any free port (default 8080)
        --seed N               fare generator seed (default 42)
        --payload SIZE         size of one day's page, 1B-64MiB, e.g. 8KiB (default 8KiB)
        --service-time T       290ms | uniform:200ms..400ms | normal:290ms,30ms | exponential:290ms
                               (default 290ms)
        --max-connections N    connections served at once, 0 = unlimited (default 0)
        --max-in-flight N      requests in service at once, 0 = unlimited (default 0)
        --overflow POLICY      over a cap: queue | reject | refuse (default queue)
        --retry-after T        Retry-After sent with 503 under reject (default 1s)
        --keep-alive-timeout T close a connection idle this long, freeing its slot;
                               none = never (default none)
        --io-threads N         event-loop threads, 0 = Netty default (default 0)
        --help                 print this help
      """;

  private FareServerCli() {}

  static Command parse(String... args) throws UsageException {
    FareServerConfig d = FareServerConfig.defaults();
    String host = d.host();
    int port = 8080;
    long seed = d.seed();
    DataSize payload = d.payload();
    ServiceTime serviceTime = d.serviceTime();
    Limits limits = d.limits();
    int maxConnections = limits.maxConnections();
    int maxInFlight = limits.maxInFlight();
    OverflowPolicy overflow = limits.overflow();
    Duration retryAfter = limits.retryAfter();
    Duration keepAliveTimeout = limits.keepAliveTimeout();
    int ioThreads = d.ioThreads();

    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        return new Help();
      }
      if (!arg.startsWith("--")) {
        throw new UsageException("unexpected argument '" + arg + "': expected a --flag (see --help)");
      }
      String flag = arg;
      String value;
      int eq = arg.indexOf('=');
      if (eq >= 0) {
        flag = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        value = null;
      }
      switch (flag) {
        case "--host" -> host = value(flag, value, "a host name or address", v -> v);
        case "--port" -> port = intValue(flag, value, 0, 65535);
        case "--seed" -> seed = value(flag, value, "a whole number", Long::parseLong);
        case "--payload" -> payload = value(flag, value, DataSize.EXPECTED, DataSize::parse);
        case "--service-time" -> serviceTime = value(flag, value, ServiceTime.EXPECTED, ServiceTime::parse);
        case "--max-connections" -> maxConnections = intValue(flag, value, 0, Integer.MAX_VALUE);
        case "--max-in-flight" -> maxInFlight = intValue(flag, value, 0, Integer.MAX_VALUE);
        case "--overflow" -> overflow = value(flag, value, "one of " + OverflowPolicy.ids(), OverflowPolicy::of);
        case "--retry-after" -> retryAfter = value(flag, value, DurationText.EXPECTED, DurationText::parse);
        case "--keep-alive-timeout" ->
            keepAliveTimeout = value(flag, value, DurationText.EXPECTED + ", or none", FareServerCli::durationOrNone);
        case "--io-threads" -> ioThreads = intValue(flag, value, 0, 1024);
        default -> throw new UsageException("unknown flag '" + flag + "' (see --help)");
      }
    }
    if (payload.bytes() < 1 || payload.compareTo(ServerCapacity.MAX_PAYLOAD) > 0) {
      throw new UsageException("--payload: expected 1B to " + ServerCapacity.MAX_PAYLOAD
          + " (the page cache's budget: a bigger page would be generated again for every request), got "
          + payload);
    }
    return new Run(
        new FareServerConfig(
            host, port, seed, payload, serviceTime,
            new Limits(maxConnections, maxInFlight, overflow, retryAfter, keepAliveTimeout),
            ioThreads));
  }

  /** {@code none} is the zero that switches a timeout off; a bare 0 would need a unit. */
  private static Duration durationOrNone(String value) {
    return value.strip().equals("none") ? Duration.ZERO : DurationText.parse(value);
  }

  private static int intValue(String flag, String value, int min, int max)
      throws UsageException {
    int n = value(flag, value, "a whole number " + range(min, max), Integer::parseInt);
    if (n < min || n > max) {
      throw new UsageException(flag + ": expected a whole number " + range(min, max) + ", got '" + value + "'");
    }
    return n;
  }

  private static String range(int min, int max) {
    return max == Integer.MAX_VALUE ? ">= " + min : min + "-" + max;
  }

  private static <T> T value(String flag, String value, String expected, Function<String, T> parse)
      throws UsageException {
    if (value == null || value.isBlank()) {
      throw new UsageException(flag + ": missing value, expected " + expected);
    }
    try {
      return parse.apply(value);
    } catch (IllegalArgumentException e) {
      // NumberFormatException is one too; our parsers' messages already say what was expected.
      String detail = e instanceof NumberFormatException ? "expected " + expected + ", got '" + value + "'" : e.getMessage();
      throw new UsageException(flag + ": " + detail);
    }
  }
}
