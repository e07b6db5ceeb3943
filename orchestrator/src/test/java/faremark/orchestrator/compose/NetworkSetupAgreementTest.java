package faremark.orchestrator.compose;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.contract.DataSize;
import faremark.orchestrator.scenario.NetworkShorthands;
import faremark.orchestrator.scenario.Toxic;
import faremark.shaper.setup.PlannedToxic;
import faremark.shaper.setup.SetupOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * docker-compose's network setup ({@link PlannedToxic#expand}, in the shaper) and a scenario's
 * {@code network:} shorthands ({@link NetworkShorthands#expand}) must put the same toxics in the
 * path, or a compose run would not reproduce the orchestrator's run of the same parameters.
 */
class NetworkSetupAgreementTest {
  @ParameterizedTest(name = "rtt {0} jitter {1} bandwidth {2} B/s")
  @CsvSource({
    "100, 0, 0", "81, 11, 0", "1, 1, 0", "80, 10, 12500000", "0, 0, 1000", "290, 0, 100000000"
  })
  void sameToxicsAsTheScenarioShorthands(long rttMs, long jitterMs, long bytesPerSecond) {
    Optional<Duration> rtt = rttMs == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(rttMs));
    Optional<Duration> jitter = jitterMs == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(jitterMs));
    Optional<DataSize> bandwidth =
        bytesPerSecond == 0 ? Optional.empty() : Optional.of(DataSize.ofBytes(bytesPerSecond));
    List<Toxic> scenario = new NetworkShorthands(rtt, jitter, bandwidth).expand();

    SetupOptions compose = new SetupOptions(URI.create("http://toxiproxy:8474"), "fares",
        "0.0.0.0:8666", "fare-server:8080", rtt, jitter.orElse(Duration.ZERO),
        bytesPerSecond == 0 ? OptionalLong.empty() : OptionalLong.of(bytesPerSecond / 1000),
        List.of(), Duration.ofSeconds(60));
    List<PlannedToxic> planned = PlannedToxic.expand(compose);

    assertThat(planned).hasSameSizeAs(scenario);
    for (int i = 0; i < scenario.size(); i++) {
      Toxic s = scenario.get(i);
      PlannedToxic p = planned.get(i);
      assertThat(p.name()).isEqualTo(s.name());
      assertThat(p.type()).isEqualTo(s.type().id());
      assertThat(p.stream()).isEqualTo(s.stream().id());
      assertThat(p.toxicity()).isEqualTo(s.toxicity());
      assertThat(p.attributes()).containsExactlyEntriesOf(s.attributes());
    }
  }
}
