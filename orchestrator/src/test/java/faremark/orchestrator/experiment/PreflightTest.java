package faremark.orchestrator.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.results.Outcome;
import faremark.orchestrator.results.RunRecord;
import faremark.orchestrator.scenario.Scenario;
import faremark.orchestrator.scenario.ScenarioLoader;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PreflightTest {
  private static Scenario parse(String yaml) throws Exception {
    return ScenarioLoader.parse(yaml, "x.yaml", Optional.empty());
  }

  private static RunRecord record(Outcome outcome, String reason) {
    return new RunRecord(0, "000-sequential-r0", "sequential", 0, outcome, reason, 0, null, null,
        null, null, null, null, null, null, java.util.List.of());
  }

  @Test
  void anOkRunPassesAndEveryBrokenOutcomeFailsWithItsReason() throws Exception {
    Scenario plain = parse("name: x\n");
    assertThat(Preflight.verdict(plain, record(Outcome.OK, ""))).isEmpty();
    for (Outcome o : new Outcome[] {Outcome.CRASHED, Outcome.UNVERIFIED, Outcome.OOM_KILLED,
        Outcome.TIMED_OUT, Outcome.FAILED_REQUESTS}) {
      assertThat(Preflight.verdict(plain, record(o, "why"))).isEqualTo(o.id() + ": why");
    }
  }

  /** Off is written back and reads back; on, the default, is not written (older readers). */
  @Test
  void thePreflightSettingRoundTripsAndIsWrittenOnlyWhenOff() throws Exception {
    Scenario off = parse("run: {preflight: false}\n");
    assertThat(off.run().preflight()).isFalse();
    assertThat(off.toYaml()).contains("preflight: false");
    assertThat(ScenarioLoader.parse(off.toYaml(), "r.yaml", Optional.empty())).isEqualTo(off);
    Scenario on = parse("name: x\n");
    assertThat(on.run().preflight()).isTrue();
    assertThat(on.toYaml()).doesNotContain("preflight");
  }

  @Test
  void failedRequestsPassWhereTheScenarioFailsRequestsOnPurpose() throws Exception {
    for (String faults : new String[] {
        "network:\n  toxics:\n    - {type: reset_peer, toxicity: 0.3, attributes: {timeout: 0}}\n",
        "server:\n  maxInFlight: 5\n  overflow: reject\n",
        "server:\n  keepAliveTimeout: 1s\n",
        "client:\n  requestTimeout: 100ms\n"}) {
      Scenario s = parse(faults);
      assertThat(s.failsRequestsOnPurpose()).as(faults).isTrue();
      assertThat(Preflight.verdict(s, record(Outcome.FAILED_REQUESTS, "3 of 3 failed"))).as(faults).isEmpty();
      assertThat(Preflight.verdict(s, record(Outcome.CRASHED, "boom"))).as(faults)
          .isEqualTo("crashed: boom");
    }
    // a capped server that queues, latency and bandwidth slow requests down but fail none
    assertThat(parse("server:\n  maxInFlight: 5\nnetwork:\n  rtt: 200ms\n  bandwidth: 1MB/s\n")
        .failsRequestsOnPurpose()).isFalse();
  }
}
