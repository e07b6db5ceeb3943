package faremark.orchestrator.backend.docker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A wait strategy: a service in a container is ready when {@code GET path} answers 200. It gives
 * up early, with the container's own words, when the container has exited; otherwise at the
 * deadline. The pause between tries is the only sleep: the engine has no event for "a port
 * inside a container started answering".
 *
 * @param path e.g. {@code /health}
 * @param limit how long the service may take to come up
 */
public record HttpReady(String path, Duration limit) {
  private static final Duration PAUSE = Duration.ofMillis(50);

  /** Why the container is gone, or null while it runs. */
  public interface Liveness {
    String exitedBecause();
  }

  public void await(URI base, Liveness liveness, Supplier<String> logs) throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI uri = base.resolve(path);
    Instant deadline = Instant.now().plus(limit);
    String last = "no answer yet";
    try {
      while (true) {
        try {
          HttpResponse<Void> r = http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build(),
              HttpResponse.BodyHandlers.discarding());
          if (r.statusCode() == 200) {
            return;
          }
          last = "HTTP " + r.statusCode();
        } catch (IOException e) {
          last = e.toString();
        }
        String exited = liveness.exitedBecause();
        if (exited != null) {
          throw new IOException(uri + " never answered: the container " + exited + "; its log:\n"
              + logs.get());
        }
        if (Instant.now().isAfter(deadline)) {
          throw new IOException(uri + " did not answer 200 within " + limit.toSeconds() + " s ("
              + last + "); the container's log:\n" + logs.get());
        }
        Thread.sleep(PAUSE);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + uri, e);
    } finally {
      http.close();
    }
  }
}
