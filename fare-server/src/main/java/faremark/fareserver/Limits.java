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
 */
public record Limits(int maxConnections, int maxInFlight, OverflowPolicy overflow, Duration retryAfter) {
  public static final Limits NONE = new Limits(0, 0, OverflowPolicy.QUEUE, Duration.ofSeconds(1));

  public Limits {
    if (maxConnections < 0) {
      throw new IllegalArgumentException("maxConnections must be >= 0 (0 = unlimited)");
    }
    if (maxInFlight < 0) {
      throw new IllegalArgumentException("maxInFlight must be >= 0 (0 = unlimited)");
    }
    Objects.requireNonNull(overflow, "overflow");
    Objects.requireNonNull(retryAfter, "retryAfter");
  }

  public boolean connectionsCapped() {
    return maxConnections > 0;
  }

  public boolean inFlightCapped() {
    return maxInFlight > 0;
  }
}
