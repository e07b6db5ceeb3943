package faremark.orchestrator.backend.docker;

import faremark.fareserver.BarrierState;
import faremark.fareserver.ServerStats;
import faremark.orchestrator.backend.FareServerHttp;
import faremark.orchestrator.backend.FareService;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * The fare server in its container; its counters are read and reset over its HTTP API. When it
 * does not answer and the engine does not either, the error says so: the engine was stopped and
 * took the container with it, which "connection refused" alone would hide.
 */
final class ContainerFareService implements FareService {
  private final ServiceContainer container;
  private final String engineHost;
  private final FareServerHttp http;

  /** @param engineHost the engine's address, for the error when it is gone */
  ContainerFareService(ServiceContainer container, String engineHost) {
    this.container = container;
    this.engineHost = engineHost;
    this.http = new FareServerHttp(container.hostUri(), this::explained);
  }

  @Override
  public URI uri() {
    return container.hostUri();
  }

  @Override
  public void resetStats() throws IOException {
    http.resetStats();
  }

  @Override
  public ServerStats stats() throws IOException {
    return http.stats();
  }

  /** Over the server's HTTP API, as the counters. */
  @Override
  public void armBarrier(int target, Duration timeout) throws IOException {
    http.armBarrier(target, timeout);
  }

  @Override
  public BarrierState barrier() throws IOException {
    return http.barrier();
  }

  /** {@code e}, or why the container is gone when the engine no longer answers either. */
  private IOException explained(IOException e) {
    if (!DockerEngine.acceptsConnections(engineHost)) {
      return new IOException("the Docker engine at " + engineHost + " no longer accepts"
          + " connections: it was stopped, and the fare server's container with it", e);
    }
    // a refused connection's message is null: name the exception instead
    return e.getMessage() != null ? e : new IOException(e.getClass().getSimpleName(), e);
  }

  @Override
  public String describe() {
    return uri() + " (container " + container.name() + ")";
  }

  @Override
  public void close() {
    http.close();
    container.close();
  }
}
