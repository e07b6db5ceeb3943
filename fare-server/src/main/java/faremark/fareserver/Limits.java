package faremark.fareserver;

import java.time.Duration;
import java.util.Objects;

/**
 * Server-side caps that model real servers; 0 means unlimited.
 *
 * @param maxConnections most TCP connections served at once
 * @param maxInFlight most requests being worked on (in service time) at once
 * @param overflow what happens to a connection or request over a cap
 * @param retryAfter the Retry-After sent with a 503 under {@link OverflowPolicy#REJECT}
 * @param keepAliveTimeout how long a served connection may sit idle (no request being read,
 *     served or written) before the server closes it and frees its slot, as Apache's
 *     KeepAliveTimeout or nginx's keepalive_timeout; zero = idle connections are never closed
 */
public record Limits(
    int maxConnections, int maxInFlight, OverflowPolicy overflow, Duration retryAfter,
    Duration keepAliveTimeout) {
  public static final Limits NONE =
      new Limits(0, 0, OverflowPolicy.QUEUE, Duration.ofSeconds(1), Duration.ZERO);

  public Limits {
    if (maxConnections < 0) {
      throw new IllegalArgumentException("maxConnections must be >= 0 (0 = unlimited)");
    }
    if (maxInFlight < 0) {
      throw new IllegalArgumentException("maxInFlight must be >= 0 (0 = unlimited)");
    }
    Objects.requireNonNull(overflow, "overflow");
    Objects.requireNonNull(retryAfter, "retryAfter");
    Objects.requireNonNull(keepAliveTimeout, "keepAliveTimeout");
    if (keepAliveTimeout.isNegative()) {
      throw new IllegalArgumentException("keepAliveTimeout must be >= 0 (0 = never close idle connections)");
    }
  }

  /** The same limits with another keep-alive timeout. */
  public Limits withKeepAliveTimeout(Duration timeout) {
    return new Limits(maxConnections, maxInFlight, overflow, retryAfter, timeout);
  }

  public boolean connectionsCapped() {
    return maxConnections > 0;
  }

  public boolean inFlightCapped() {
    return maxInFlight > 0;
  }

  public boolean closesIdleConnections() {
    return !keepAliveTimeout.isZero();
  }
}
