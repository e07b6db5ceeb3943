package faremark.fareserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-flight cap, measured by the server itself, under each overflow policy. */
class InFlightLimiterTest {
  private static final int CAP = 5;
  private static final int CLIENTS = 50;
  private static final String FARES = "/fares?from=PRG&to=BRQ&date=2018-06-01";

  private static FareServer start(OverflowPolicy policy, Duration serviceTime) {
    return FareServer.start(
        FareServerConfig.defaults()
            .withServiceTime(new ServiceTime.Fixed(serviceTime))
            .withLimits(new Limits(0, CAP, policy, Duration.ofMillis(1500), Duration.ZERO)));
  }

  @Test
  void queueServesEveryoneButNeverMoreThanTheCapAtOnce() throws Exception {
    try (FareServer server = start(OverflowPolicy.QUEUE, Duration.ofMillis(100))) {
      List<Clients.Outcome> outcomes = Clients.run(server.uri(), CLIENTS, FARES);

      assertThat(Clients.count(outcomes, 200)).isEqualTo(CLIENTS);
      ServerStats stats = server.stats();
      assertThat(stats.maxInFlightObserved()).isEqualTo(CAP);
      assertThat(stats.served()).isEqualTo(CLIENTS);
      assertThat(stats.requests()).isEqualTo(CLIENTS);
      assertThat(stats.maxQueuedObserved()).isPositive();
      assertThat(stats.inFlight()).isZero();
      assertThat(stats.queued()).isZero();
      // All connections were served at once; only the requests waited.
      assertThat(stats.maxConnectionsObserved()).isGreaterThan(CAP);
    }
  }

  @Test
  void rejectAnswers503WithRetryAfterAndKeepsTheConnection() throws Exception {
    try (FareServer server = start(OverflowPolicy.REJECT, Duration.ofMillis(300))) {
      List<Clients.Outcome> outcomes =
          Clients.run(server.uri(), CLIENTS, http -> {
            RawHttp.Response first = http.get(FARES);
            if (first.status() == 503) {
              // The connection stays usable after a 503.
              assertThat(http.get("/health").status()).isEqualTo(200);
            }
            return first;
          });

      long ok = Clients.count(outcomes, 200);
      long rejected = Clients.count(outcomes, 503);
      assertThat(ok + rejected).as("every client gets 200 or 503").isEqualTo(CLIENTS);
      assertThat(rejected).isPositive();
      outcomes.stream().filter(o -> o.status() == 503).forEach(o -> {
        assertThat(o.response().header("Retry-After")).isEqualTo("2");
        assertThat(o.response().header("Connection")).isNull();
      });
      ServerStats stats = server.stats();
      assertThat(stats.served()).isEqualTo(ok);
      assertThat(stats.rejected()).isEqualTo(rejected);
      assertThat(stats.maxInFlightObserved()).isBetween(1, CAP);
    }
  }

  @Test
  void refuseClosesTheConnectionWithoutAnswer() throws Exception {
    try (FareServer server = start(OverflowPolicy.REFUSE, Duration.ofMillis(300))) {
      List<Clients.Outcome> outcomes = Clients.run(server.uri(), CLIENTS, FARES);

      long ok = Clients.count(outcomes, 200);
      long unanswered = Clients.unanswered(outcomes);
      assertThat(ok + unanswered).as("every client gets 200 or nothing").isEqualTo(CLIENTS);
      assertThat(unanswered).isPositive();
      await().untilAsserted(() -> {
        ServerStats stats = server.stats();
        assertThat(stats.served()).isEqualTo(ok);
        assertThat(stats.refused()).isEqualTo(unanswered);
      });
      assertThat(server.stats().maxInFlightObserved()).isBetween(1, CAP);
    }
  }

  @Test
  void controlEndpointsAreNotCapped() throws Exception {
    try (FareServer server = start(OverflowPolicy.REJECT, Duration.ofSeconds(2))) {
      List<RawHttp> busy = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < CAP; i++) {
          RawHttp h = new RawHttp(server.uri());
          busy.add(h);
          h.send("GET", FARES, false);
        }
        await().untilAsserted(() -> assertThat(server.stats().inFlight()).isEqualTo(CAP));
        assertThat(RawHttp.getOnce(server.uri(), "/health").status()).isEqualTo(200);
        assertThat(RawHttp.getOnce(server.uri(), "/stats").status()).isEqualTo(200);
        assertThat(
                RawHttp.getOnce(server.uri(), "/expected?from=PRG&to=BRQ&start=2018-06-01&days=3")
                    .status())
            .isEqualTo(200);
        assertThat(RawHttp.getOnce(server.uri(), FARES).status()).isEqualTo(503);
      } finally {
        for (RawHttp h : busy) {
          h.close();
        }
      }
    }
  }
}
