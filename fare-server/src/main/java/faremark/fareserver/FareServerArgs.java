package faremark.fareserver;

import faremark.contract.DurationText;
import java.util.ArrayList;
import java.util.List;

/**
 * The standalone server's command line for a configuration: how the docker backend starts the
 * fare-server image with exactly the scenario's server. {@link FareServerCli} reads it back to an
 * equal configuration (tested), so the container serves what the embedded server would.
 */
public final class FareServerArgs {
  private FareServerArgs() {}

  /** Every flag, defaults included: the container's command line documents itself. */
  public static List<String> of(FareServerConfig c) {
    List<String> args = new ArrayList<>();
    add(args, "--host", c.host());
    add(args, "--port", Integer.toString(c.port()));
    add(args, "--seed", Long.toString(c.seed()));
    add(args, "--payload", c.payload().toString());
    add(args, "--service-time", c.serviceTime().text());
    add(args, "--max-connections", Integer.toString(c.limits().maxConnections()));
    add(args, "--max-in-flight", Integer.toString(c.limits().maxInFlight()));
    add(args, "--overflow", c.limits().overflow().id());
    add(args, "--retry-after", DurationText.format(c.limits().retryAfter()));
    add(args, "--keep-alive-timeout",
        c.limits().keepAliveTimeout().isZero() ? "none" : DurationText.format(c.limits().keepAliveTimeout()));
    add(args, "--io-threads", Integer.toString(c.ioThreads()));
    return List.copyOf(args);
  }

  private static void add(List<String> args, String flag, String value) {
    args.add(flag);
    args.add(value);
  }
}
