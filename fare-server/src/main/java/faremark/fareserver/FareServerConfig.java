package faremark.fareserver;

import faremark.contract.DataSize;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything that decides what the fare server answers and how fast; all defaults in
 * {@link #defaults()}.
 *
 * @param host address to bind; loopback by default (safe default: nothing outside the machine)
 * @param port port to bind; 0 picks a free one
 * @param seed fare generator seed
 * @param payload target size of one day's page
 * @param serviceTime time the server takes per request before answering
 * @param limits connection and in-flight caps and the overflow policy
 * @param ioThreads event-loop threads; 0 = Netty's default (2 x cores)
 */
public record FareServerConfig(
    String host, int port, long seed, DataSize payload, ServiceTime serviceTime, Limits limits,
    int ioThreads) {

  public FareServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(serviceTime, "serviceTime");
    Objects.requireNonNull(limits, "limits");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0-65535, got " + port);
    }
    if (payload.bytes() < 1) {
      throw new IllegalArgumentException("payload must be at least 1B");
    }
    if (payload.compareTo(ServerCapacity.MAX_PAYLOAD) > 0) {
      throw new IllegalArgumentException("payload must be at most " + ServerCapacity.MAX_PAYLOAD
          + " (the page cache's budget), got " + payload);
    }
    if (ioThreads < 0) {
      throw new IllegalArgumentException("ioThreads must be >= 0");
    }
  }

  public static FareServerConfig defaults() {
    return new FareServerConfig(
        "127.0.0.1", 0, 42L, DataSize.ofKiB(8),
        new ServiceTime.Fixed(Duration.ofMillis(290)), Limits.NONE, 0);
  }

  public FareServerConfig withPort(int newPort) {
    return new FareServerConfig(host, newPort, seed, payload, serviceTime, limits, ioThreads);
  }

  public FareServerConfig withServiceTime(ServiceTime newServiceTime) {
    return new FareServerConfig(host, port, seed, payload, newServiceTime, limits, ioThreads);
  }

  public FareServerConfig withLimits(Limits newLimits) {
    return new FareServerConfig(host, port, seed, payload, serviceTime, newLimits, ioThreads);
  }
}
