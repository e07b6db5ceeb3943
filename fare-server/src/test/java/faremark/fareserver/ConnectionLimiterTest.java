package faremark.fareserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The connection cap, measured by the server itself, under each overflow policy. */
class ConnectionLimiterTest {
  private static final int CAP = 5;
  private static final int CLIENTS = 50;
  private static final String FARES = "/fares?from=PRG&to=BRQ&date=2018-06-01";

  private static FareServer start(OverflowPolicy policy, Duration serviceTime) {
    return FareServer.start(
        FareServerConfig.defaults()
            .withServiceTime(new ServiceTime.Fixed(serviceTime))
            .withLimits(new Limits(CAP, 0, policy, Duration.ofSeconds(2), Duration.ZERO)));
  }

  @Test
  void queueServesEveryoneButNeverMoreThanTheCapAtOnce() throws Exception {
    try (FareServer server = start(OverflowPolicy.QUEUE, Duration.ofMillis(100))) {
      List<Clients.Outcome> outcomes = Clients.run(server.uri(), CLIENTS, FARES);

      assertThat(Clients.count(outcomes, 200)).isEqualTo(CLIENTS);
      await().untilAsserted(() -> assertThat(server.stats().openConnections()).isZero());
      ServerStats stats = server.stats();
      assertThat(stats.maxConnectionsObserved()).isEqualTo(CAP);
      assertThat(stats.served()).isEqualTo(CLIENTS);
      assertThat(stats.connectionsAccepted()).isEqualTo(CLIENTS);
      assertThat(stats.maxQueuedObserved()).isPositive();
      assertThat(stats.queued()).isZero();
      assertThat(stats.rejected() + stats.refused()).isZero();
    }
  }

  @Test
  void rejectAnswers503WithRetryAfterAndCloses() throws Exception {
    try (FareServer server = start(OverflowPolicy.REJECT, Duration.ofMillis(300))) {
      List<Clients.Outcome> outcomes = Clients.run(server.uri(), CLIENTS, FARES);

      long ok = Clients.count(outcomes, 200);
      long rejected = Clients.count(outcomes, 503);
      assertThat(ok + rejected).as("every client gets 200 or 503").isEqualTo(CLIENTS);
      assertThat(rejected).isPositive();
      outcomes.stream().filter(o -> o.status() == 503).forEach(o -> {
        assertThat(o.response().header("Retry-After")).isEqualTo("2");
        assertThat(o.response().header("Connection")).isEqualToIgnoringCase("close");
        assertThat(o.response().text()).contains("\"error\"");
      });
      await().untilAsserted(() -> {
        ServerStats stats = server.stats();
        assertThat(stats.served()).isEqualTo(ok);
        assertThat(stats.rejected()).isEqualTo(rejected);
      });
      assertThat(server.stats().maxConnectionsObserved()).isBetween(1, CAP);
    }
  }

  @Test
  void rejectedConnectionIsClosedAfterItsAnswer() throws Exception {
    try (FareServer server = start(OverflowPolicy.REJECT, Duration.ZERO);
        RawHttp holder = new RawHttp(server.uri())) {
      // Keep all slots busy with idle keep-alive connections.
      List<RawHttp> held = new java.util.ArrayList<>();
      try {
        assertThat(holder.get("/health").status()).isEqualTo(200);
        for (int i = 1; i < CAP; i++) {
          RawHttp h = new RawHttp(server.uri());
          held.add(h);
          assertThat(h.get("/health").status()).isEqualTo(200);
        }
        try (RawHttp extra = new RawHttp(server.uri())) {
          RawHttp.Response response = extra.get(FARES);
          assertThat(response.status()).isEqualTo(503);
          assertThat(extra.closedByServer()).isTrue();
        }
        assertThat(server.stats().maxConnectionsObserved()).isEqualTo(CAP);
      } finally {
        for (RawHttp h : held) {
          h.close();
        }
      }
    }
  }

  @Test
  void refuseClosesWithoutAnswer() throws Exception {
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
        assertThat(stats.openConnections()).isZero();
      });
      assertThat(server.stats().maxConnectionsObserved()).isBetween(1, CAP);
    }
  }

  @Test
  void queuedConnectionThatLeavesGivesItsSlotOnAtOnce() throws Exception {
    try (FareServer server = start(OverflowPolicy.QUEUE, Duration.ZERO)) {
      List<RawHttp> held = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < CAP; i++) {
          RawHttp h = new RawHttp(server.uri());
          held.add(h);
          assertThat(h.get("/health").status()).isEqualTo(200);
        }
        RawHttp abandoned = new RawHttp(server.uri());
        await().untilAsserted(() -> assertThat(server.stats().queued()).isEqualTo(1));
        // Unread, the server cannot see the close (like a listen backlog): it stays queued.
        abandoned.close();
        held.remove(0).close();
        // It gets the freed slot, reads EOF and hands the slot straight on.
        assertThat(RawHttp.getOnce(server.uri(), FARES).status()).isEqualTo(200);
        await().untilAsserted(() -> assertThat(server.stats().queued()).isZero());
        assertThat(server.stats().maxConnectionsObserved()).isEqualTo(CAP);
      } finally {
        for (RawHttp h : held) {
          h.close();
        }
      }
    }
  }
}
