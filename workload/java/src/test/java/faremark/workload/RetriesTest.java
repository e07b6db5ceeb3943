package faremark.workload;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.contract.FailureCause;
import faremark.contract.WorkloadResult;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The retry knob, the same for every Java model the registry lists: off by default, recorded
 * when used.
 */
class RetriesTest {

  @ParameterizedTest
  @MethodSource("faremark.workload.JavaModelsTest#ids")
  void withoutRetriesAFaultIsAFailedRequest(String model) throws Exception {
    try (FixtureServer server = new FixtureServer(Duration.ZERO)) {
      server.fault(FixtureServer.START.plusDays(1), FixtureServer.Fault.STATUS_503, 1);
      WorkloadResult result = Runs.run(server.spec(model, 4, 2, 0));

      assertThat(result.ok()).isEqualTo(3);
      assertThat(result.failed()).isEqualTo(Map.of("http-503", 1));
      assertThat(result.details()).containsEntry("retries", 0).containsEntry("retried", Map.of());
    }
  }

  @ParameterizedTest
  @MethodSource("faremark.workload.JavaModelsTest#ids")
  void retriedIntoSuccessIsRecordedByCause(String model) throws Exception {
    try (FixtureServer server = new FixtureServer(Duration.ZERO)) {
      server.fault(FixtureServer.START.plusDays(1), FixtureServer.Fault.STATUS_503, 2)
          .fault(FixtureServer.START.plusDays(2), FixtureServer.Fault.GARBAGE, 1);
      WorkloadResult result = Runs.run(server.spec(model, 4, 2, 2));

      assertThat(result.ok()).isEqualTo(4);
      assertThat(result.failed()).isEmpty();
      assertThat(result.aggregate()).hasSize(4);
      assertThat(result.details()).containsEntry("retries", 2)
          .containsEntry("retried", Map.of("http-503", 2, FailureCause.BAD_BODY, 1));
      assertThat(server.requests()).isEqualTo(7);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sequential", "async"})
  void aRequestStillFailingCountsOnceUnderTheLastCause(String model) throws Exception {
    try (FixtureServer server = new FixtureServer(Duration.ZERO)) {
      server.fault(FixtureServer.START, FixtureServer.Fault.STATUS_503, 1) // retried into success
          .fault(FixtureServer.START.plusDays(3), FixtureServer.Fault.GARBAGE); // never succeeds
      WorkloadResult result = Runs.run(server.spec(model, 4, 2, 1));

      assertThat(result.ok()).isEqualTo(3);
      assertThat(result.failed()).isEqualTo(Map.of(FailureCause.BAD_BODY, 1));
      assertThat(result.details()).containsEntry("retried",
          Map.of("http-503", 1, FailureCause.BAD_BODY, 1));
      assertThat(server.requests()).isEqualTo(6);
    }
  }
}
