package faremark.orchestrator.verify;

import faremark.contract.DayAggregate;
import faremark.contract.Json;
import faremark.contract.Route;
import faremark.fareserver.ExpectedAnswer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * Asks the fare server itself what a correct client must compute ({@code GET /expected}), so
 * the answer follows the server's real seed and payload settings rather than a copy of them.
 */
public final class ExpectedAnswerClient {
  /**
   * How long the server may take to answer. It generates every page of the job to compute the
   * answer, so this bounds days x payload (scenario/ScenarioLimits).
   */
  public static final Duration TIMEOUT = Duration.ofSeconds(60);

  private ExpectedAnswerClient() {}

  public static List<DayAggregate> fetch(URI server, Route route, LocalDate start, int days)
      throws IOException, InterruptedException {
    URI uri =
        URI.create(server.toString().replaceAll("/$", "") + "/expected?from=" + route.from()
            + "&to=" + route.to() + "&start=" + start + "&days=" + days);
    try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      HttpResponse<byte[]> response =
          client.send(
              HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IOException(uri + " answered " + response.statusCode() + ": "
            + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
      }
      List<DayAggregate> aggregate =
          Json.mapper().readValue(response.body(), ExpectedAnswer.class).aggregate();
      if (aggregate.size() != days) {
        throw new IOException(uri + " returned " + aggregate.size() + " days, expected " + days);
      }
      return aggregate;
    }
  }
}
