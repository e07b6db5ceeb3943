package faremark.workload.model;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.contract.ConnectionReuse;
import faremark.contract.WorkloadResult;
import faremark.workload.FixtureServer;
import faremark.workload.Runs;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SequentialModelTest {

  @Test
  void oneRequestAtATimeOverOneKeptAliveConnection() throws Exception {
    try (FixtureServer server = new FixtureServer(Duration.ofMillis(10))) {
      WorkloadResult result = Runs.run(server.spec("sequential", 10, 8));

      assertThat(result.ok()).isEqualTo(10);
      assertThat(server.maxInFlight()).isEqualTo(1); // concurrency is not its knob
      assertThat(server.connections()).isEqualTo(1);
      assertThat(result.details()).containsEntry("peakInFlight", 1);
    }
  }

  @Test
  void perRequestOpensAConnectionForEveryRequest() throws Exception {
    try (FixtureServer server = new FixtureServer(Duration.ZERO)) {
      WorkloadResult result = Runs.run(server.spec("sequential", 6, 1, ConnectionReuse.PER_REQUEST, 10));

      assertThat(result.ok()).isEqualTo(6);
      assertThat(server.connections()).isEqualTo(6);
      assertThat(result.details()).containsEntry("connections", "per-request");
    }
  }
}
