package faremark.orchestrator.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.fareserver.BarrierState;
import faremark.fareserver.ServerStats;
import faremark.orchestrator.backend.FareService;
import faremark.orchestrator.results.InFlight;
import faremark.orchestrator.scenario.Scenario;
import faremark.orchestrator.scenario.ScenarioLoader;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One run's barrier: armed with the model's in-flight count, read into InFlight, turned off. */
class RunBarrierTest {

  /** A fare server that answers the barrier state it is given and records the armings. */
  static final class FakeServer implements FareService {
    final List<String> armed = new ArrayList<>();
    volatile BarrierState state = BarrierState.OFF;

    @Override
    public URI uri() {
      return URI.create("http://127.0.0.1:1");
    }

    @Override
    public void resetStats() {}

    @Override
    public ServerStats stats() {
      return new ServerStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Override
    public void armBarrier(int target, Duration timeout) {
      armed.add(target + "/" + timeout.toMillis());
    }

    @Override
    public BarrierState barrier() {
      return state;
    }

    @Override
    public String describe() {
      return "fake";
    }

    @Override
    public void close() {}
  }

  private static Scenario sweep(String barrier) throws Exception {
    return ScenarioLoader.parse("""
        models: [async, sequential, multi-process]
        sweep: {parameter: client.concurrency, values: [50], barrier: %s, barrierTimeout: 5s}
        """.formatted(barrier), "b.yaml", Optional.empty());
  }

  @Test
  void armsWithTheModelsInFlightAtThePointAndRecordsAReachedRelease() throws Exception {
    Scenario s = sweep("true");
    FakeServer server = new FakeServer();
    InFlight result;
    try (RunBarrier b = RunBarrier.arm(server, s, s.atPoint(0, "default"), "async")) {
      server.state = new BarrierState(50, 5000, 50, true, 51, true, null);
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (!b.released() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(b.released()).isTrue();
      result = b.result();
    }
    assertThat(result).isEqualTo(new InFlight(50, 51, true, null));
    assertThat(server.armed).containsExactly("50/5000", "0/0");
  }

  @Test
  void aTimeoutOrNoRequestAtAllIsRecordedAsNotReachedWithWhy() throws Exception {
    Scenario s = sweep("true");
    FakeServer server = new FakeServer();
    // sequential has one request in flight at a time: its target is 1, not the concurrency
    try (RunBarrier b = RunBarrier.arm(server, s, s.atPoint(0, "default"), "sequential")) {
      server.state = new BarrierState(1, 5000, 0, false, null, false, null);
      assertThat(b.result()).isEqualTo(
          new InFlight(1, null, false, "no request reached the fare server's barrier"));
    }
    try (RunBarrier b = RunBarrier.arm(server, s, s.atPoint(0, "default"), "async")) {
      server.state = new BarrierState(50, 5000, 30, true, 30, false, "the barrier timed out");
      assertThat(b.result()).isEqualTo(new InFlight(50, 30, false, "the barrier timed out"));
    }
    assertThat(server.armed).containsExactly("1/5000", "0/0", "50/5000", "0/0");
  }

  @Test
  void noBarrierWhenTheSweepSaysSoOrTheParallelismIsUnknown() throws Exception {
    FakeServer server = new FakeServer();
    Scenario off = sweep("false");
    try (RunBarrier b = RunBarrier.arm(server, off, off.atPoint(0, "default"), "async")) {
      assertThat(b.result()).isNull();
    }
    Scenario on = sweep("true");
    try (RunBarrier b = RunBarrier.arm(server, on, on.atPoint(0, "default"), "multi-process")) {
      assertThat(b.result()).as("processes: auto").isNull();
    }
    assertThat(server.armed).isEmpty();
  }
}
