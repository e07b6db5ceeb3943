package faremark.fareserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The barrier: holds /fares answers until N are in service at once, or gives up on a timeout. */
class BarrierTest {
  private static final String FARES = "/fares?from=PRG&to=BRQ&date=2018-06-01";

  private static FareServer server() {
    return FareServer.start(FareServerConfig.defaults()
        .withServiceTime(new ServiceTime.Fixed(Duration.ofMillis(50))));
  }

  @Test
  void releasesEveryHeldRequestOnceTheTargetIsInServiceAndCountsThem() throws Exception {
    try (FareServer server = server()) {
      server.armBarrier(8, Duration.ofSeconds(30));
      List<Clients.Outcome> outcomes = Clients.run(server.uri(), 8, FARES);
      assertThat(Clients.count(outcomes, 200)).isEqualTo(8);
      BarrierState state = server.barrier();
      assertThat(state.released()).isTrue();
      assertThat(state.reached()).isTrue();
      assertThat(state.held()).isEqualTo(8);
      assertThat(state.atRelease()).isEqualTo(8);
      assertThat(state.reason()).isNull();
      assertThat(server.stats().maxInFlightObserved()).isEqualTo(8);
    }
  }

  @Test
  void nothingIsAnsweredBeforeTheTargetAndLaterRequestsAreNotHeld() throws Exception {
    try (FareServer server = server()) {
      server.armBarrier(2, Duration.ofSeconds(30));
      CompletableFuture<RawHttp.Response> first = CompletableFuture.supplyAsync(() -> get(server));
      waitForHeld(server, 1);
      Thread.sleep(300); // six service times: an unheld request would have been answered
      assertThat(first).isNotDone();
      assertThat(get(server).status()).isEqualTo(200);
      assertThat(first.get().status()).isEqualTo(200);
      // released: a later request is served in its service time, alone
      long started = System.nanoTime();
      assertThat(get(server).status()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
      assertThat(server.barrier().held()).isEqualTo(2);
    }
  }

  @Test
  void givesUpAfterItsTimeoutAndSaysHowFarItGot() throws Exception {
    try (FareServer server = server()) {
      server.armBarrier(5, Duration.ofMillis(200));
      List<Clients.Outcome> outcomes = Clients.run(server.uri(), 3, FARES);
      assertThat(Clients.count(outcomes, 200)).isEqualTo(3);
      BarrierState state = server.barrier();
      assertThat(state.released()).isTrue();
      assertThat(state.reached()).isFalse();
      assertThat(state.atRelease()).isEqualTo(3);
      assertThat(state.reason()).contains("timed out after 200 ms with 3 of 5 requests held");
    }
  }

  @Test
  void isArmedAndReadOverHttpAsTheDockerBackendDoes() throws Exception {
    try (FareServer server = server()) {
      try (RawHttp http = new RawHttp(server.uri())) {
        http.send("POST", "/barrier?target=2&timeoutMs=5000", false);
        RawHttp.Response armed = http.read();
        assertThat(armed.status()).isEqualTo(200);
        assertThat(new String(armed.body())).contains("\"target\":2").contains("\"released\":false");
        http.send("POST", "/barrier?target=x", false);
        assertThat(http.read().status()).isEqualTo(400);
      }
      assertThat(Clients.count(Clients.run(server.uri(), 2, FARES), 200)).isEqualTo(2);
      String state = new String(RawHttp.getOnce(server.uri(), "/barrier").body());
      assertThat(state).contains("\"reached\":true").contains("\"atRelease\":2");
    }
  }

  @Test
  void armingAgainReleasesWhatIsStillHeldAndOffHoldsNothing() throws Exception {
    try (FareServer server = server()) {
      server.armBarrier(3, Duration.ofSeconds(30));
      CompletableFuture<RawHttp.Response> stranded = CompletableFuture.supplyAsync(() -> get(server));
      waitForHeld(server, 1);
      server.armBarrier(0, Duration.ZERO);
      assertThat(stranded.get().status()).isEqualTo(200);
      assertThat(server.barrier().target()).isZero();
      assertThat(get(server).status()).isEqualTo(200);
    }
  }

  private static RawHttp.Response get(FareServer server) {
    try {
      return RawHttp.getOnce(server.uri(), FARES);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void waitForHeld(FareServer server, int n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (server.barrier().held() < n && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(server.barrier().held()).isEqualTo(n);
  }
}
