package faremark.orchestrator.backend.docker;

import faremark.contract.Json;
import faremark.fareserver.BarrierState;
import faremark.fareserver.ServerStats;
import faremark.orchestrator.backend.FareService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The fare server in its container; its counters are read and reset over its HTTP API. When it
 * does not answer and the engine does not either, the error says so: the engine was stopped and
 * took the container with it, which "connection refused" alone would hide.
 */
final class ContainerFareService implements FareService {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final ServiceContainer container;
  private final String engineHost;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  /** @param engineHost the engine's address, for the error when it is gone */
  ContainerFareService(ServiceContainer container, String engineHost) {
    this.container = container;
    this.engineHost = engineHost;
  }

  @Override
  public URI uri() {
    return container.hostUri();
  }

  @Override
  public void resetStats() throws IOException {
    send(HttpRequest.newBuilder(uri().resolve("/stats/reset"))
        .POST(HttpRequest.BodyPublishers.noBody()));
  }

  @Override
  public ServerStats stats() throws IOException {
    return Json.mapper().readValue(send(HttpRequest.newBuilder(uri().resolve("/stats")).GET()),
        ServerStats.class);
  }

  /** Over the server's HTTP API, as the counters: {@code POST /barrier?target=N&timeoutMs=T}. */
  @Override
  public void armBarrier(int target, Duration timeout) throws IOException {
    send(HttpRequest.newBuilder(uri().resolve("/barrier?target=" + target + "&timeoutMs="
        + Math.max(target == 0 ? 0 : 1, timeout.toMillis())))
        .POST(HttpRequest.BodyPublishers.noBody()));
  }

  @Override
  public BarrierState barrier() throws IOException {
    return Json.mapper().readValue(send(HttpRequest.newBuilder(uri().resolve("/barrier")).GET()),
        BarrierState.class);
  }

  private String send(HttpRequest.Builder request) throws IOException {
    HttpRequest built = request.timeout(TIMEOUT).build();
    HttpResponse<String> r;
    try {
      r = http.send(built, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw explained(e);
    } catch (InterruptedException e) {
      // Ctrl-C while asking: ask once more (the flag is cleared now). The run's record needs
      // the counters, and the runner learns of the Ctrl-C from ShutdownGuard, not this flag:
      // setting it again would make the results' file writes fail.
      try {
        r = http.send(built, HttpResponse.BodyHandlers.ofString());
      } catch (InterruptedException again) {
        throw new IOException("interrupted twice while asking the fare server", again);
      } catch (IOException again) {
        throw explained(again);
      }
    }
    if (r.statusCode() != 200) {
      throw new IOException(r.request().uri() + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
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
