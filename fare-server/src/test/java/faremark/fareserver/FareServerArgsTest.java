package faremark.fareserver;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.contract.DataSize;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link FareServerArgs}: the command line the fare-server image gets reads back equal. */
class FareServerArgsTest {

  static List<FareServerConfig> configs() {
    return List.of(
        FareServerConfig.defaults(),
        new FareServerConfig(
            "0.0.0.0", 8080, 9, DataSize.ofKiB(16),
            new ServiceTime.Uniform(Duration.ofMillis(200), Duration.ofMillis(400)),
            new Limits(5, 3, OverflowPolicy.REFUSE, Duration.ofSeconds(2), Duration.ofSeconds(5)), 2),
        new FareServerConfig(
            "127.0.0.1", 0, 42, DataSize.ofKiB(8),
            new ServiceTime.Normal(Duration.ofMillis(290), Duration.ofMillis(30)),
            new Limits(0, 5, OverflowPolicy.REJECT, Duration.ofMillis(1500), Duration.ZERO), 0),
        new FareServerConfig(
            "127.0.0.1", 1234, 1, new DataSize(1500),
            new ServiceTime.Exponential(Duration.ofNanos(250_000)),
            Limits.NONE, 0));
  }

  @ParameterizedTest
  @MethodSource("configs")
  void readsBackEqual(FareServerConfig config) throws Exception {
    String[] args = FareServerArgs.of(config).toArray(String[]::new);
    assertThat(((FareServerCli.Run) FareServerCli.parse(args)).config()).isEqualTo(config);
  }
}
