package faremark.orchestrator.scenario;

import faremark.contract.ConnectionReuse;
import java.time.Duration;
import java.util.Objects;

/**
 * How every workload is told to behave as an HTTP client; the same for every model so that
 * models are compared on the same footing.
 *
 * @param concurrency at most this many requests in flight
 * @param connections one shared client, or a new one per request
 * @param poolSize most connections the shared client keeps open
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout whole-request timeout
 * @param processes worker processes of the multi-process models; 0 = the model's own choice
 * @param retries times a failed request is tried again before it counts as failed; 0 (the
 *     default) so that injected faults show in the results instead of being retried away
 */
public record ClientSettings(
    int concurrency,
    ConnectionReuse connections,
    int poolSize,
    Duration connectTimeout,
    Duration requestTimeout,
    int processes,
    int retries) {
  public ClientSettings {
    Objects.requireNonNull(connections, "connections");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (retries < 0) {
      throw new IllegalArgumentException("retries must be >= 0, got " + retries);
    }
    if (concurrency < 1 || poolSize < 1 || processes < 0) {
      throw new IllegalArgumentException(
          "concurrency and poolSize must be >= 1 and processes >= 0, got "
              + concurrency + ", " + poolSize + ", " + processes);
    }
  }
}
