import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The JDK HttpClient alone, configured as the workloads configure it (HTTP/1.1, no proxy, no
 * redirects, direct executor), sending {@code n} GETs at once to the fare API and reading the
 * bodies (no parsing). Waves alternate between a NEW client (n new TCP connections, a new
 * selector thread) and the SAME client again (its n keep-alive connections reused), all in one
 * JVM, so that in a warm JVM "new client" minus "same client" is the cost of opening the
 * connections, and wave 1 minus wave 3 is the client's own cold start.
 *
 * <p>Usage: {@code java ClientProbe <base-uri> <n> <waves> [pause-ms]}; waves 1, 3, 5 … use a
 * new client, waves 2, 4, 6 … reuse the previous one. Prints one JSON line per wave (a failed
 * request ends the probe with an exception: this measures the client, not faults).
 */
public final class ClientProbe {
  private ClientProbe() {}

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0]);
    int n = Integer.parseInt(args[1]);
    int waves = Integer.parseInt(args[2]);
    long pauseMs = args.length > 3 ? Long.parseLong(args[3]) : 1000;
    HttpClient client = null;
    for (int wave = 1; wave <= waves; wave++) {
      boolean fresh = wave % 2 == 1;
      if (fresh) {
        if (client != null) {
          client.close();
        }
        client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .proxy(HttpClient.Builder.NO_PROXY)
            .executor(Runnable::run)
            .build();
      }
      long[] latency = new long[n];
      List<CompletableFuture<Void>> all = new ArrayList<>();
      long start = System.nanoTime();
      LocalDate day = LocalDate.of(2018, 6, 1);
      for (int i = 0; i < n; i++) {
        int index = i;
        long sent = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(
                base.resolve("/fares?from=PRG&to=BRQ&date=" + day.plusDays(i)))
            .GET().timeout(Duration.ofSeconds(30)).header("Accept", "application/json").build();
        all.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
            .thenAccept(r -> {
              if (r.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + r.statusCode());
              }
              latency[index] = System.nanoTime() - sent;
            }));
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
      long phase = System.nanoTime() - start;
      Arrays.sort(latency);
      System.out.println(String.format(Locale.ROOT,
          "{\"wave\":%d,\"model\":\"client\",\"client\":\"%s\",\"ok\":%d,\"failed\":0,"
              + "\"requestPhaseUs\":%d,\"latency\":{\"minUs\":%d,\"p50Us\":%d,\"maxUs\":%d}}",
          wave, fresh ? "new" : "same", n, phase / 1000, latency[0] / 1000, latency[n / 2] / 1000,
          latency[n - 1] / 1000));
      if (wave < waves) {
        Thread.sleep(pauseMs);
      }
    }
    client.close();
  }
}
