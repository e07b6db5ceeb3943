package faremark.orchestrator.backend.docker;

import faremark.orchestrator.backend.HttpFareService;
import java.io.IOException;

/**
 * The fare server in its container; its counters are read and reset over its HTTP API. When it
 * does not answer and the engine does not either, the error says so: the engine was stopped and
 * took the container with it, which "connection refused" alone would hide.
 */
final class ContainerFareService extends HttpFareService {
  private final ServiceContainer container;
  private final String engineHost;

  /** @param engineHost the engine's address, for the error when it is gone */
  ContainerFareService(ServiceContainer container, String engineHost) {
    super(container.hostUri());
    this.container = container;
    this.engineHost = engineHost;
  }

  /** {@code e}, or why the container is gone when the engine no longer answers either. */
  @Override
  protected IOException explained(IOException e) {
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
    super.close();
    container.close();
  }
}
