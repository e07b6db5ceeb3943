package faremark.workload.model;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.contract.ConnectionReuse;
import faremark.contract.WorkloadResult;
import faremark.workload.FixtureServer;
import faremark.workload.Runs;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class VirtualThreadsModelTest {

  @Test
  void theSemaphoreBoundsRequestsInFlight() throws Exception {
    try (FixtureServer server = new FixtureServer(Duration.ofMillis(50))) {
      WorkloadResult result = Runs.run(server.spec("virtual-threads", 20, 5));

      assertThat(result.ok()).isEqualTo(20);
      assertThat(server.maxInFlight()).isBetween(2, 5);
      assertThat((Integer) result.details().get("peakInFlight")).isBetween(2, 5);
    }
  }

  @Test
  void poolSizeCapsConnectionsBelowConcurrency() throws Exception {
    try (FixtureServer server = new FixtureServer(Duration.ofMillis(30))) {
      WorkloadResult result = Runs.run(server.spec("virtual-threads", 20, 10, ConnectionReuse.SHARED, 3));

      assertThat(result.ok()).isEqualTo(20);
      assertThat(server.maxInFlight()).isBetween(2, 3);
      // The fixture cannot see a connection close, so distinct connections over the run only
      // bound "open at once" from above; the cap itself shows in requests in flight above.
      assertThat(server.connections()).isBetween(2, 6);
    }
  }

  @Test
  void perRequestOpensAConnectionForEveryRequest() throws Exception {
    try (FixtureServer server = new FixtureServer(Duration.ofMillis(5))) {
      WorkloadResult result = Runs.run(server.spec("virtual-threads", 12, 4, ConnectionReuse.PER_REQUEST, 10));

      assertThat(result.ok()).isEqualTo(12);
      assertThat(server.connections()).isEqualTo(12);
    }
  }
}
