package faremark.shaper.compose;

import faremark.contract.DataSize;
import faremark.contract.DurationText;
import faremark.shaper.toxic.PlannedToxic;
import faremark.shaper.toxic.Shorthands;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * What {@link NetworkSetup} is asked to do: one proxy from {@code listen} to {@code upstream} on
 * the Toxiproxy API at {@code api}, with the network a scenario's {@code network:} shorthands
 * describe (see {@link #toxics}).
 *
 * @param api the Toxiproxy API, {@code http://host:port}
 * @param name the proxy's name; an existing proxy of that name is replaced
 * @param listen where the proxy listens, as the Toxiproxy process binds it ({@code host:port})
 * @param upstream where the proxy connects, as the Toxiproxy process reaches it
 * @param rtt added round trip; empty (written {@code none} or {@code 0ms}): no latency toxics
 * @param jitter round-trip variation, ± this much; needs an rtt
 * @param bandwidthKbPerSecond Toxiproxy's rate (KB/s, 1 KB = 1000 B) each direction; empty: none
 * @param waitFor URLs that must answer 200 before the proxy is made (e.g. the upstream's health)
 * @param timeout how long to wait for the API and for each {@code waitFor} URL together
 */
public record SetupOptions(
    URI api, String name, String listen, String upstream, Optional<Duration> rtt, Duration jitter,
    OptionalLong bandwidthKbPerSecond, List<URI> waitFor, Duration timeout) {

  static final String USAGE =
      """
      usage: java -cp shaper.jar faremark.shaper.compose.NetworkSetup --api URL \\
               --listen HOST:PORT --upstream HOST:PORT [options]

      Creates (or replaces) one proxy and its toxics through the Toxiproxy HTTP API, reads them
      back, prints them as JSON and exits: 0 done, 1 the API failed or did not answer in time,
      2 bad flags.

        --api URL            Toxiproxy API, e.g. http://toxiproxy:8474 (required)
        --name NAME          proxy name (default fares)
        --listen HOST:PORT   where the proxy listens, e.g. 0.0.0.0:8666 (required)
        --upstream HOST:PORT where it forwards to, e.g. fare-server:8080 (required)
        --rtt T              added round trip, e.g. 80ms: latency toxics rtt_upstream (half) and
                             rtt_downstream (the rest); none or 0ms = no latency (default none)
        --jitter T           round trip varies by ± this, split the same way (default 0ms)
        --bandwidth R        each direction, e.g. 12500KB/s or 100MB/s (1 KB = 1000 B): toxics
                             bandwidth_upstream and bandwidth_downstream; none = unlimited
                             (default none)
        --wait-for URL       wait until URL answers 200 before making the proxy (repeatable),
                             e.g. http://fare-server:8080/health
        --timeout T          how long to wait for the API and --wait-for URLs (default 60s)
        --help               print this help
      """;

  static final String DEFAULT_NAME = "fares";
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /** Toxiproxy's own rule for proxy names is loose; ours keeps them safe in a URL path. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^:\\s\\[\\]]*):(\\d{1,5})");

  public SetupOptions {
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(rtt, "rtt");
    Objects.requireNonNull(jitter, "jitter");
    Objects.requireNonNull(bandwidthKbPerSecond, "bandwidthKbPerSecond");
    waitFor = List.copyOf(waitFor);
    Objects.requireNonNull(timeout, "timeout");
  }

  /** The toxics these flags stand for: the shorthands' one expansion, as a scenario's. */
  public List<PlannedToxic> toxics() {
    return Shorthands.expand(rtt, jitter, bandwidthKbPerSecond);
  }

  /** A command line that cannot be run; the message names the flag and what it expects. */
  static final class BadFlagException extends Exception {
    BadFlagException(String message) {
      super(message);
    }
  }

  /** What the command line asks for: run a setup, or print the help. */
  sealed interface Command {}

  record Help() implements Command {}

  record Run(SetupOptions options) implements Command {}

  static Command parse(String... args) throws BadFlagException {
    URI api = null;
    String name = DEFAULT_NAME;
    String listen = null;
    String upstream = null;
    Optional<Duration> rtt = Optional.empty();
    Duration jitter = Duration.ZERO;
    OptionalLong bandwidth = OptionalLong.empty();
    List<URI> waitFor = new ArrayList<>();
    Duration timeout = DEFAULT_TIMEOUT;

    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        return new Help();
      }
      if (!arg.startsWith("--")) {
        throw new BadFlagException(
            "unexpected argument '" + arg + "': expected a --flag (see --help)");
      }
      int eq = arg.indexOf('=');
      String flag = eq >= 0 ? arg.substring(0, eq) : arg;
      String value;
      if (eq >= 0) {
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        value = args[++i];
      } else {
        value = null;
      }
      switch (flag) {
        case "--api" -> api = httpUrl(flag, value);
        case "--name" -> name = name(flag, value);
        case "--listen" -> listen = hostPort(flag, value);
        case "--upstream" -> upstream = hostPort(flag, value);
        case "--rtt" -> rtt = noneOr(flag, value, "none, or " + DurationText.EXPECTED,
            v -> millis(flag, v)).filter(d -> !d.isZero());
        case "--jitter" -> jitter = millis(flag, required(flag, value, DurationText.EXPECTED));
        case "--bandwidth" -> {
          Optional<Long> rate = noneOr(flag, value, "none, or a rate such as 12500KB/s or"
              + " 100MB/s (1 KB = 1000 B)", v -> kbPerSecond(flag, v));
          bandwidth = rate.isPresent() ? OptionalLong.of(rate.get()) : OptionalLong.empty();
        }
        case "--wait-for" -> waitFor.add(httpUrl(flag, value));
        case "--timeout" -> timeout = positive(flag, value);
        default -> throw new BadFlagException("unknown flag '" + flag + "' (see --help)");
      }
    }
    if (api == null) {
      throw new BadFlagException("--api: missing, expected the Toxiproxy API URL, e.g. http://toxiproxy:8474");
    }
    if (listen == null) {
      throw new BadFlagException("--listen: missing, expected HOST:PORT, e.g. 0.0.0.0:8666");
    }
    if (upstream == null) {
      throw new BadFlagException("--upstream: missing, expected HOST:PORT, e.g. fare-server:8080");
    }
    if (!jitter.isZero() && rtt.isEmpty()) {
      throw new BadFlagException("--jitter: " + DurationText.format(jitter)
          + " needs an --rtt to vary; give --rtt too, or --jitter 0ms");
    }
    return new Run(new SetupOptions(api, name, listen, upstream, rtt, jitter, bandwidth, waitFor, timeout));
  }

  private interface Parser<T> {
    T parse(String value) throws BadFlagException;
  }

  private static String required(String flag, String value, String expected)
      throws BadFlagException {
    if (value == null || value.isBlank()) {
      throw new BadFlagException(flag + ": missing value, expected " + expected);
    }
    return value.strip();
  }

  private static <T> Optional<T> noneOr(String flag, String value, String expected, Parser<T> parser)
      throws BadFlagException {
    String v = required(flag, value, expected);
    return v.equals("none") ? Optional.empty() : Optional.of(parser.parse(v));
  }

  private static URI httpUrl(String flag, String value) throws BadFlagException {
    String expected = "an http URL with host and port, e.g. http://toxiproxy:8474";
    String v = required(flag, value, expected);
    try {
      URI uri = new URI(v);
      if ("http".equals(uri.getScheme()) && uri.getHost() != null && uri.getPort() > 0) {
        return uri;
      }
    } catch (java.net.URISyntaxException e) {
      // Reported below with what was expected.
    }
    throw new BadFlagException(flag + ": expected " + expected + ", got '" + v + "'");
  }

  private static String name(String flag, String value) throws BadFlagException {
    String expected = "a name of letters, digits, '.', '_' or '-' (at most 64)";
    String v = required(flag, value, expected);
    if (!NAME.matcher(v).matches()) {
      throw new BadFlagException(flag + ": expected " + expected + ", got '" + v + "'");
    }
    return v;
  }

  private static String hostPort(String flag, String value) throws BadFlagException {
    String expected = "HOST:PORT with a port 1-65535, e.g. 0.0.0.0:8666 or fare-server:8080";
    String v = required(flag, value, expected);
    var m = HOST_PORT.matcher(v);
    if (m.matches()) {
      int port = Integer.parseInt(m.group(2));
      if (port >= 1 && port <= 65535) {
        return v;
      }
    }
    throw new BadFlagException(flag + ": expected " + expected + ", got '" + v + "'");
  }

  /** Toxiproxy's latency and jitter are whole milliseconds: anything finer is refused, not rounded. */
  private static Duration millis(String flag, String value) throws BadFlagException {
    Duration d = duration(flag, value);
    if (d.toNanos() % 1_000_000L != 0) {
      throw new BadFlagException(flag + ": Toxiproxy takes whole milliseconds, got '" + value + "'");
    }
    return d;
  }

  private static Duration positive(String flag, String value) throws BadFlagException {
    Duration d = duration(flag, required(flag, value, DurationText.EXPECTED));
    if (d.isZero()) {
      throw new BadFlagException(flag + ": expected a duration above zero, got '" + value + "'");
    }
    return d;
  }

  private static Duration duration(String flag, String value) throws BadFlagException {
    try {
      return DurationText.parse(value);
    } catch (IllegalArgumentException e) {
      throw new BadFlagException(flag + ": " + e.getMessage());
    }
  }

  /** {@code 12500KB/s} → 12500; the {@code /s} is required so a size is not taken for a rate. */
  private static long kbPerSecond(String flag, String value) throws BadFlagException {
    String expected = "none, or a rate such as 12500KB/s or 100MB/s (1 KB = 1000 B)";
    if (!value.endsWith("/s")) {
      throw new BadFlagException(flag + ": expected " + expected + ", got '" + value + "'");
    }
    long bytes;
    try {
      bytes = DataSize.parse(value.substring(0, value.length() - 2)).bytes();
    } catch (IllegalArgumentException e) {
      throw new BadFlagException(flag + ": expected " + expected + ", got '" + value + "'");
    }
    if (bytes == 0 || bytes % 1000 != 0) {
      throw new BadFlagException(flag + ": Toxiproxy's rate is a whole number >= 1 of KB/s"
          + " (1 KB = 1000 B), got '" + value + "' (" + bytes + " B/s)");
    }
    return bytes / 1000;
  }
}
