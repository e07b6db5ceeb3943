package faremark.fareserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The keep-alive timeout: idle connections give their slot back, busy ones are never cut off. */
class KeepAliveTimerTest {
  private static final String FARES = "/fares?from=PRG&to=BRQ&date=2018-06-01";
  private static final Duration KEEP_ALIVE = Duration.ofMillis(200);

  private static FareServer start(int maxConnections, Duration serviceTime, Duration keepAlive) {
    return FareServer.start(
        FareServerConfig.defaults()
            .withServiceTime(new ServiceTime.Fixed(serviceTime))
            .withLimits(
                new Limits(maxConnections, 0, OverflowPolicy.QUEUE, Duration.ofSeconds(1), keepAlive)));
  }

  @Test
  void idleKeepAliveConnectionsAreClosedSoQueuedOnesGetTheirTurn() throws Exception {
    int clients = 6;
    try (FareServer server = start(2, Duration.ofMillis(50), KEEP_ALIVE)) {
      CountDownLatch allAnswered = new CountDownLatch(clients);
      long started = System.nanoTime();
      List<Clients.Outcome> outcomes = Clients.run(server.uri(), clients, http -> {
        // Two requests on one connection, then it stays open and idle, as in a client's pool,
        // until every client has its answers: only the server can free the slot.
        RawHttp.Response first = http.get(FARES);
        RawHttp.Response second = first.status() == 200 ? http.get(FARES) : first;
        allAnswered.countDown();
        try {
          allAnswered.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          throw new InterruptedIOException();
        }
        return second;
      });
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(Clients.count(outcomes, 200)).as("every client answered twice").isEqualTo(clients);
      // 3 waves of 2 connections, each ~2 x 50 ms of service and 200 ms idle; 30 s without the timeout.
      assertThat(took).isLessThan(Duration.ofSeconds(5));
      ServerStats stats = server.stats();
      assertThat(stats.served()).isEqualTo(2L * clients);
      // The last two clients were admitted only because four idle connections were closed.
      assertThat(stats.idleClosed()).isGreaterThanOrEqualTo(clients - 2);
      assertThat(stats.maxConnectionsObserved()).isEqualTo(2);
      assertThat(stats.connectionsAccepted()).isEqualTo(clients);
    }
  }

  @Test
  void aRequestLongerThanTheTimeoutIsAnsweredNotCutOff() throws Exception {
    try (FareServer server = start(0, Duration.ofMillis(600), KEEP_ALIVE);
        RawHttp http = new RawHttp(server.uri())) {
      assertThat(http.get(FARES).status()).isEqualTo(200);
      // The clock restarted when the answer was written: the connection is still usable.
      assertThat(http.get(FARES).status()).isEqualTo(200);
      assertThat(server.stats().idleClosed()).isZero();

      // Now idle, it is closed once the timeout has passed.
      await().atMost(Duration.ofSeconds(5))
          .untilAsserted(() -> assertThat(server.stats().idleClosed()).isEqualTo(1));
      assertThat(http.closedByServer()).isTrue();
      await().untilAsserted(() -> assertThat(server.stats().openConnections()).isZero());
    }
  }

  @Test
  void byDefaultIdleConnectionsAreNeverClosed() throws Exception {
    assertThat(FareServerConfig.defaults().limits().keepAliveTimeout()).isZero();
    try (FareServer server = FareServer.start(
            FareServerConfig.defaults().withServiceTime(new ServiceTime.Fixed(Duration.ZERO)));
        RawHttp http = new RawHttp(server.uri())) {
      assertThat(http.get(FARES).status()).isEqualTo(200);

      // Idle for several times the timeout the other tests use, and still open.
      await().during(Duration.ofMillis(4 * KEEP_ALIVE.toMillis())).atMost(Duration.ofSeconds(2))
          .until(() -> server.stats().openConnections() == 1);
      assertThat(http.get(FARES).status()).isEqualTo(200);
      assertThat(server.stats().idleClosed()).isZero();
    }
  }

  @Test
  void timeoutMustBePositive() {
    StatsRecorder stats = new StatsRecorder();
    assertThatThrownBy(() -> new KeepAliveTimer(Duration.ZERO, stats))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new Limits(0, 0, OverflowPolicy.QUEUE, Duration.ofSeconds(1), Duration.ofMillis(-1)))
        .hasMessageContaining("keepAliveTimeout");
  }
}
