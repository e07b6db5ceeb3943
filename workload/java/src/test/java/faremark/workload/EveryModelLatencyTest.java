package faremark.workload;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.contract.LatencyDistribution;
import faremark.contract.WorkloadResult;
import faremark.workload.record.LatencyCodec;
import java.time.Duration;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Java model that ships with the jar sends its whole latency histogram with its result,
 * and it agrees with the summary beside it: the orchestrator builds the run's {@code latency.hlog}
 * from it.
 */
class EveryModelLatencyTest {
  static Stream<String> shippedModels() {
    return JavaModels.declarations().stream().map(d -> d.id()).filter(JavaModels::shipped);
  }

  @ParameterizedTest
  @MethodSource("shippedModels")
  void sendsItsWholeHistogram(String model) throws Exception {
    try (FixtureServer server = new FixtureServer(Duration.ofMillis(5))) {
      WorkloadResult result = Runs.run(server.spec(model, 6, 3));

      assertThat(result.ok()).isEqualTo(6);
      assertThat(result.latencyDistribution()).isInstanceOf(LatencyDistribution.HdrHistogram.class);
      Histogram h = LatencyCodec.decode(
          ((LatencyDistribution.HdrHistogram) result.latencyDistribution()).hdrHistogram());
      assertThat(h.getTotalCount()).isEqualTo(6);
      assertThat(h.getMaxValue()).isEqualTo(result.latency().maxUs());
      assertThat(h.getValueAtPercentile(50)).isEqualTo(result.latency().p50Us());
      assertThat(h.getMinValue()).isGreaterThanOrEqualTo(5_000); // the server's 5 ms, in µs
    }
  }
}
