package faremark.workload.model;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.contract.ConnectionReuse;
import faremark.contract.WorkloadResult;
import faremark.workload.FixtureServer;
import faremark.workload.Runs;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThreadPoolModelTest {

  @Test
  void runsAtMostPoolSizeRequestsAtOnce() throws Exception {
    try (FixtureServer server = new FixtureServer(Duration.ofMillis(50))) {
      WorkloadResult result = Runs.run(server.spec("thread-pool", 20, 4));

      assertThat(result.ok()).isEqualTo(20);
      assertThat(server.maxInFlight()).isBetween(2, 4);
      assertThat(result.details()).containsEntry("threads", 4);
    }
  }

  @Test
  void neverStartsMoreThreadsThanDays() throws Exception {
    try (FixtureServer server = new FixtureServer(Duration.ZERO)) {
      WorkloadResult result = Runs.run(server.spec("thread-pool", 3, 50));

      assertThat(result.ok()).isEqualTo(3);
      assertThat(result.details()).containsEntry("threads", 3);
    }
  }

  @Test
  void perRequestOpensAConnectionForEveryRequest() throws Exception {
    try (FixtureServer server = new FixtureServer(Duration.ofMillis(5))) {
      WorkloadResult result = Runs.run(server.spec("thread-pool", 12, 4, ConnectionReuse.PER_REQUEST, 10));

      assertThat(result.ok()).isEqualTo(12);
      assertThat(server.connections()).isEqualTo(12);
    }
  }
}
