package faremark.fareserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import faremark.contract.DayAggregate;
import faremark.contract.FareGenerator;
import faremark.contract.Json;
import faremark.contract.Route;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The endpoints, their JSON and their errors, through a real HTTP client. */
class FareRouterTest {
  private static final long SEED = 7;
  private static final LocalDate DAY = LocalDate.of(2018, 6, 1);
  private static final Route ROUTE = new Route("PRG", "BRQ");
  private static final String FARES = "/fares?from=PRG&to=BRQ&date=2018-06-01";

  private static FareServer server;
  private static HttpClient client;

  @BeforeAll
  static void start() {
    server = FareServer.start(config(SEED));
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterAll
  static void stop() {
    server.close();
    client.close();
  }

  private static FareServerConfig config(long seed) {
    return new FareServerConfig(
        "127.0.0.1", 0, seed, faremark.contract.DataSize.ofKiB(4),
        new ServiceTime.Fixed(Duration.ZERO), Limits.NONE, 2);
  }

  private static HttpResponse<byte[]> send(URI base, String method, String target)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(target))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(30))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private static HttpResponse<byte[]> get(String target) throws Exception {
    return send(server.uri(), "GET", target);
  }

  private static JsonNode json(HttpResponse<byte[]> response) throws Exception {
    return Json.mapper().readTree(response.body());
  }

  @Test
  void faresBodyIsExactlyTheGeneratorBytes() throws Exception {
    HttpResponse<byte[]> response = get(FARES);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(response.body())
        .isEqualTo(new FareGenerator(SEED, 4096).day(ROUTE, DAY).json());
  }

  @Test
  void faresAreTheSameFromTwoServersWithTheSameSeedAndDifferWithAnother() throws Exception {
    try (FareServer twin = FareServer.start(config(SEED));
        FareServer other = FareServer.start(config(SEED + 1))) {
      byte[] mine = get(FARES).body();
      assertThat(send(twin.uri(), "GET", FARES).body()).isEqualTo(mine);
      assertThat(send(other.uri(), "GET", FARES).body()).isNotEqualTo(mine);
    }
  }

  @Test
  void expectedIsTheGeneratorsAggregatePerDay() throws Exception {
    HttpResponse<byte[]> response = get("/expected?from=PRG&to=BRQ&start=2018-06-01&days=3");

    assertThat(response.statusCode()).isEqualTo(200);
    ExpectedAnswer answer = Json.mapper().readValue(response.body(), ExpectedAnswer.class);
    FareGenerator generator = new FareGenerator(SEED, 4096);
    assertThat(answer.aggregate())
        .containsExactly(
            generator.aggregate(ROUTE, DAY),
            generator.aggregate(ROUTE, DAY.plusDays(1)),
            generator.aggregate(ROUTE, DAY.plusDays(2)));
    assertThat(answer)
        .extracting(ExpectedAnswer::from, ExpectedAnswer::to, ExpectedAnswer::start,
            ExpectedAnswer::days, ExpectedAnswer::seed, ExpectedAnswer::payloadBytes)
        .containsExactly("PRG", "BRQ", DAY, 3, SEED, 4096L);
    List<DayAggregate> fromServedPages =
        List.of(faremark.contract.FarePage.parse(get(FARES).body()).aggregate());
    assertThat(answer.aggregate().get(0)).isEqualTo(fromServedPages.get(0));
  }

  @Test
  void badParametersAre400NamingTheParameter() throws Exception {
    assertError(get("/fares?to=BRQ&date=2018-06-01"), 400, "'from'");
    assertError(get("/fares?from=PRG&to=BRQ&date=2018-13-01"), 400, "'date'", "YYYY-MM-DD");
    assertError(get("/fares?from=PRG&to=B%20Q&date=2018-06-01"), 400, "'to'");
    assertError(get("/expected?from=PRG&to=BRQ&start=2018-06-01&days=zero"), 400, "'days'");
    assertError(get("/expected?from=PRG&to=BRQ&days=3"), 400, "'start'");
  }

  @Test
  void unknownPathIs404AndWrongMethodIs405() throws Exception {
    assertError(get("/nowhere"), 404, "/nowhere");
    HttpResponse<byte[]> post = send(server.uri(), "POST", FARES);
    assertError(post, 405, "GET");
    assertThat(post.headers().firstValue("allow")).hasValue("GET");
    assertError(get("/stats/reset"), 405, "POST");
  }

  @Test
  void healthIsOk() throws Exception {
    HttpResponse<byte[]> response = get("/health");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("status").asText()).isEqualTo("ok");
  }

  @Test
  void statsCountAndReset() throws Exception {
    try (FareServer own = FareServer.start(config(SEED))) {
      send(own.uri(), "GET", FARES);
      send(own.uri(), "GET", FARES);
      send(own.uri(), "GET", "/fares?from=PRG");
      send(own.uri(), "GET", "/expected?from=PRG&to=BRQ&start=2018-06-01&days=2");

      ServerStats viaHttp =
          Json.mapper().readValue(send(own.uri(), "GET", "/stats").body(), ServerStats.class);
      assertThat(viaHttp.requests()).isEqualTo(3);
      assertThat(viaHttp.served()).isEqualTo(2);
      assertThat(viaHttp.badRequests()).isEqualTo(1);
      assertThat(viaHttp.maxInFlightObserved()).isEqualTo(1);
      assertThat(own.stats().served()).isEqualTo(2);

      HttpResponse<byte[]> reset = send(own.uri(), "POST", "/stats/reset");
      assertThat(reset.statusCode()).isEqualTo(200);
      assertThat(Json.mapper().readValue(reset.body(), ServerStats.class).served()).isEqualTo(2);
      ServerStats after = own.stats();
      assertThat(after.requests()).isZero();
      assertThat(after.served()).isZero();
      assertThat(after.maxInFlightObserved()).isZero();

      send(own.uri(), "GET", FARES);
      assertThat(own.stats().served()).isEqualTo(1);
      own.resetStats();
      assertThat(own.stats().served()).isZero();
    }
  }

  @Test
  void keepAliveServesSeveralRequestsOnOneConnection() throws Exception {
    try (FareServer own = FareServer.start(config(SEED));
        RawHttp http = new RawHttp(own.uri())) {
      for (int i = 0; i < 5; i++) {
        RawHttp.Response response = http.get("/fares?from=PRG&to=BRQ&date=2018-06-0" + (i + 1));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body())
            .isEqualTo(new FareGenerator(SEED, 4096).day(ROUTE, DAY.plusDays(i)).json());
      }
      assertThat(own.stats().connectionsAccepted()).isEqualTo(1);
      assertThat(own.stats().served()).isEqualTo(5);
    }
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws Exception {
    try (FareServer own =
            FareServer.start(
                config(SEED).withServiceTime(
                    new ServiceTime.Uniform(Duration.ZERO, Duration.ofMillis(50))));
        RawHttp http = new RawHttp(own.uri())) {
      StringBuilder burst = new StringBuilder();
      for (int i = 1; i <= 5; i++) {
        burst.append(RawHttp.request("GET", "/fares?from=PRG&to=BRQ&date=2018-06-0" + i, false));
      }
      burst.append(RawHttp.request("GET", "/health", true));
      http.sendRaw(burst.toString());
      for (int i = 0; i < 5; i++) {
        RawHttp.Response response = http.read();
        assertThat(response.body())
            .isEqualTo(new FareGenerator(SEED, 4096).day(ROUTE, DAY.plusDays(i)).json());
      }
      assertThat(http.read().text()).contains("ok");
      assertThat(http.closedByServer()).isTrue();
    }
  }

  @Test
  void connectionCloseIsHonoured() throws Exception {
    try (RawHttp http = new RawHttp(server.uri())) {
      http.send("GET", FARES, true);
      RawHttp.Response response = http.read();
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
      await().until(http::closedByServer);
    }
  }

  private static void assertError(HttpResponse<byte[]> response, int status, String... mentions)
      throws Exception {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(json(response).get("error").asText()).contains(mentions);
  }
}
