package faremark.fareserver;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Many concurrent one-request clients, each on its own connection, started together. */
final class Clients {

  /** What one client saw: a response, or the connection ending without one. */
  record Outcome(RawHttp.Response response, IOException failure) {
    boolean answered() {
      return response != null;
    }

    int status() {
      return response == null ? -1 : response.status();
    }
  }

  /** A client's conversation after connecting; returns what it saw. */
  interface Conversation {
    RawHttp.Response talk(RawHttp http) throws IOException;
  }

  private Clients() {}

  /** {@code n} clients, each sending {@code GET target} with {@code Connection: close}. */
  static List<Outcome> run(URI server, int n, String target) throws Exception {
    return run(server, n, http -> {
      http.send("GET", target, true);
      return http.read();
    });
  }

  static List<Outcome> run(URI server, int n, Conversation conversation) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Outcome>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        futures.add(pool.submit(() -> {
          go.await();
          try (RawHttp http = new RawHttp(server)) {
            return new Outcome(conversation.talk(http), null);
          } catch (IOException e) {
            return new Outcome(null, e);
          }
        }));
      }
      go.countDown();
      List<Outcome> outcomes = new ArrayList<>();
      for (Future<Outcome> f : futures) {
        outcomes.add(f.get());
      }
      return outcomes;
    }
  }

  static long count(List<Outcome> outcomes, int status) {
    return outcomes.stream().filter(o -> o.status() == status).count();
  }

  static long unanswered(List<Outcome> outcomes) {
    return outcomes.stream().filter(o -> !o.answered()).count();
  }
}
