package faremark.workload.model;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.contract.ConnectionReuse;
import faremark.contract.WorkloadResult;
import faremark.workload.FixtureServer;
import faremark.workload.Runs;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AsyncModelTest {

  @Test
  void oneThreadRunsEveryCallback() throws Exception {
    try (FixtureServer server = new FixtureServer(Duration.ofMillis(20));
        AsyncModel model = new AsyncModel(server.spec("async", 30, 10))) {
      model.prepare();
      WorkloadResult result = model.run();

      assertThat(result.ok()).isEqualTo(30);
      assertThat(model.callbackThreads())
          .singleElement()
          .asString()
          .contains("SelectorManager"); // the client's own event loop, not a worker pool
      assertThat(result.details()).containsEntry("callbackThreads", 1);
    }
  }

  @Test
  void keepsConcurrencyRequestsInFlight() throws Exception {
    try (FixtureServer server = new FixtureServer(Duration.ofMillis(50))) {
      WorkloadResult result = Runs.run(server.spec("async", 20, 5));

      assertThat(result.ok()).isEqualTo(20);
      assertThat(server.maxInFlight()).isBetween(2, 5);
    }
  }

  @Test
  void poolSizeCapsConnectionsBelowConcurrency() throws Exception {
    try (FixtureServer server = new FixtureServer(Duration.ofMillis(30))) {
      WorkloadResult result = Runs.run(server.spec("async", 20, 10, ConnectionReuse.SHARED, 3));

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
      WorkloadResult result = Runs.run(server.spec("async", 12, 4, ConnectionReuse.PER_REQUEST, 10));

      assertThat(result.ok()).isEqualTo(12);
      assertThat(server.connections()).isEqualTo(12);
    }
  }
}
