package faremark.fareserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Parsing, sampling, and that the server really takes the service time without blocking. */
class ServiceTimeTest {
  private static final String FARES = "/fares?from=PRG&to=BRQ&date=2018-06-01";

  @Test
  void parsesEveryForm() {
    assertThat(ServiceTime.parse("290ms")).isEqualTo(new ServiceTime.Fixed(Duration.ofMillis(290)));
    assertThat(ServiceTime.parse("fixed:1s")).isEqualTo(new ServiceTime.Fixed(Duration.ofSeconds(1)));
    assertThat(ServiceTime.parse("uniform:200ms..400ms"))
        .isEqualTo(new ServiceTime.Uniform(Duration.ofMillis(200), Duration.ofMillis(400)));
    assertThat(ServiceTime.parse("normal:290ms,30ms"))
        .isEqualTo(new ServiceTime.Normal(Duration.ofMillis(290), Duration.ofMillis(30)));
    assertThat(ServiceTime.parse("exponential:290ms"))
        .isEqualTo(new ServiceTime.Exponential(Duration.ofMillis(290)));
  }

  @Test
  void badTextSaysWhatWasExpected() {
    for (String bad : List.of("290", "uniform:400ms", "uniform:400ms..200ms", "normal:1ms", "pareto:1s", "")) {
      assertThatThrownBy(() -> ServiceTime.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("uniform:MIN..MAX");
    }
  }

  @Test
  void samplesStayInRangeAndNeverGoNegative() {
    SplittableRandom random = new SplittableRandom(1);
    ServiceTime uniform = ServiceTime.parse("uniform:200ms..400ms");
    ServiceTime normal = ServiceTime.parse("normal:10ms,50ms");
    ServiceTime exponential = ServiceTime.parse("exponential:10ms");
    for (int i = 0; i < 10_000; i++) {
      assertThat(uniform.sample(random)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
      assertThat(normal.sample(random).isNegative()).isFalse();
      assertThat(exponential.sample(random).isNegative()).isFalse();
    }
  }

  @Test
  void eachRequestTakesAtLeastTheServiceTime() throws Exception {
    try (FareServer server =
            FareServer.start(FareServerConfig.defaults().withServiceTime(ServiceTime.parse("200ms")));
        RawHttp http = new RawHttp(server.uri())) {
      for (int i = 0; i < 3; i++) {
        long started = System.nanoTime();
        assertThat(http.get(FARES).status()).isEqualTo(200);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isBetween(Duration.ofMillis(200), Duration.ofSeconds(5));
      }
    }
  }

  @Test
  void serviceTimeHoldsNoThread() throws Exception {
    // One event loop, 20 concurrent requests of 300 ms: blocking would take 6 s.
    FareServerConfig config =
        new FareServerConfig(
            "127.0.0.1", 0, 1, faremark.contract.DataSize.ofKiB(1), ServiceTime.parse("300ms"),
            Limits.NONE, 1);
    try (FareServer server = FareServer.start(config)) {
      long started = System.nanoTime();
      List<Clients.Outcome> outcomes = Clients.run(server.uri(), 20, FARES);
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(Clients.count(outcomes, 200)).isEqualTo(20);
      assertThat(took).isBetween(Duration.ofMillis(300), Duration.ofSeconds(4));
      assertThat(server.stats().maxInFlightObserved()).isGreaterThan(1);
    }
  }
}
