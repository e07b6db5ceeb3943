package faremark.orchestrator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EstimatesTest {
  static Scenario parse(String yaml) throws ScenarioException {
    return ScenarioLoader.parse(yaml, "e.yaml", Optional.empty());
  }

  @Test
  void sequentialIsDaysTimesServiceTime() throws Exception {
    Scenario s = parse("job: {days: 100}\nserver: {serviceTime: 290ms}\n");
    assertThat(Estimates.sequential(s)).isEqualTo(Duration.ofSeconds(29));
    assertThat(Estimates.requestPhase(s, "sequential")).contains(Duration.ofSeconds(29));
    assertThat(Estimates.requestPhase(s, "virtual-threads")).contains(Duration.ofMillis(290));
    assertThat(Estimates.requestPhase(s, "multi-process")).isEmpty();
  }

  @Test
  void theSmallestCapSetsThePace() throws Exception {
    Scenario s = parse("""
        job: {days: 100}
        server: {serviceTime: 100ms, maxConnections: 8, maxInFlight: 5}
        client: {concurrency: 100, processes: 10}
        """);
    assertThat(Estimates.requestPhase(s, "async")).contains(Duration.ofSeconds(2));
    assertThat(Estimates.requestPhase(s, "multi-process")).contains(Duration.ofSeconds(2));
  }

  @Test
  void idleKeepAliveConnectionsHoldACappedServerForTheTimeoutPerWave() throws Exception {
    Scenario s = parse("""
        job: {days: 100}
        server: {serviceTime: 100ms, maxConnections: 5, keepAliveTimeout: 1s}
        client: {concurrency: 100}
        """);
    // 20 waves of 100 ms, and 19 waits of 1 s for the served connections to be closed idle.
    assertThat(Estimates.requestPhase(s, "async")).contains(Duration.ofSeconds(21));
    // One connection, never idle: the timeout never strikes.
    assertThat(Estimates.requestPhase(s, "sequential")).contains(Duration.ofSeconds(10));
  }

  @Test
  void aSharedPoolCapsTheClient() throws Exception {
    Scenario s = parse("job: {days: 100}\nserver: {serviceTime: 100ms}\nclient: {concurrency: 100, poolSize: 10}\n");
    assertThat(Estimates.requestPhase(s, "thread-pool")).contains(Duration.ofSeconds(1));
    Scenario perRequest = parse("job: {days: 100}\nserver: {serviceTime: 100ms}\n"
        + "client: {concurrency: 100, poolSize: 10, connections: per-request}\n");
    assertThat(Estimates.requestPhase(perRequest, "thread-pool")).contains(Duration.ofMillis(100));
  }

  @Test
  void theIdealIncludesTheRoundTripAndThePayloadsTransferTime() throws Exception {
    Scenario s = parse("""
        job: {days: 100}
        server: {serviceTime: 10ms, payload: 8KB}
        client: {concurrency: 100}
        network: {rtt: 280ms, bandwidth: 100KB/s}
        """);
    // 10 ms + 280 ms + 8000 B at 100 000 B/s = 80 ms
    assertThat(Estimates.perRequest(s)).isEqualTo(Duration.ofMillis(370));
    assertThat(Estimates.sequential(s)).isEqualTo(Duration.ofMillis(37_000));
    assertThat(Estimates.requestPhase(s, "async")).contains(Duration.ofMillis(370));
  }

  @Test
  void partialToxicityWeighsTheLatencyAndFaultsAddNothing() throws Exception {
    Scenario s = parse("""
        job: {days: 10}
        server: {serviceTime: 100ms}
        network:
          toxics:
            - {type: latency, toxicity: 0.5, attributes: {latency: 100}}
            - {type: reset_peer, toxicity: 0.1}
        """);
    assertThat(Estimates.sequential(s)).isEqualTo(Duration.ofMillis(1500));
  }
}
