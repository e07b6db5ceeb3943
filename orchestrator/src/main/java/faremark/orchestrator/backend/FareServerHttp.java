package faremark.orchestrator.backend;

import faremark.contract.Json;
import faremark.fareserver.BarrierState;
import faremark.fareserver.ServerStats;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * A fare server in a process of its own (a container, or a child process of the local backend),
 * whose counters are read and reset over its HTTP API ({@code GET /stats}, {@code POST
 * /stats/reset}), and whose barrier is armed and read there too ({@code /barrier}).
 */
public final class FareServerHttp implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI uri;
  private final UnaryOperator<IOException> explain;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  /**
   * @param uri the server, {@code http://127.0.0.1:port}
   * @param explain turns a failed request into the error to report (e.g. naming a stopped engine)
   */
  public FareServerHttp(URI uri, UnaryOperator<IOException> explain) {
    this.uri = uri;
    this.explain = explain;
  }

  public void resetStats() throws IOException {
    send(HttpRequest.newBuilder(uri.resolve("/stats/reset"))
        .POST(HttpRequest.BodyPublishers.noBody()));
  }

  public ServerStats stats() throws IOException {
    return Json.mapper().readValue(send(HttpRequest.newBuilder(uri.resolve("/stats")).GET()),
        ServerStats.class);
  }

  /** {@code POST /barrier?target=N&timeoutMs=T}; a target of 0 disarms it. */
  public void armBarrier(int target, Duration timeout) throws IOException {
    send(HttpRequest.newBuilder(uri.resolve("/barrier?target=" + target + "&timeoutMs="
        + Math.max(target == 0 ? 0 : 1, timeout.toMillis())))
        .POST(HttpRequest.BodyPublishers.noBody()));
  }

  /** {@code GET /barrier}: whether it released, and the server's count in service then. */
  public BarrierState barrier() throws IOException {
    return Json.mapper().readValue(send(HttpRequest.newBuilder(uri.resolve("/barrier")).GET()),
        BarrierState.class);
  }

  private String send(HttpRequest.Builder request) throws IOException {
    HttpRequest built = request.timeout(TIMEOUT).build();
    HttpResponse<String> r;
    try {
      r = http.send(built, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw explain.apply(e);
    } catch (InterruptedException e) {
      // Ctrl-C while asking: ask once more (the flag is cleared now). The run's record needs
      // the counters, and the runner learns of the Ctrl-C from ShutdownGuard, not this flag:
      // setting it again would make the results' file writes fail.
      try {
        r = http.send(built, HttpResponse.BodyHandlers.ofString());
      } catch (InterruptedException again) {
        throw new IOException("interrupted twice while asking the fare server", again);
      } catch (IOException again) {
        throw explain.apply(again);
      }
    }
    if (r.statusCode() != 200) {
      throw new IOException(r.request().uri() + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  @Override
  public void close() {
    http.close();
  }
}
