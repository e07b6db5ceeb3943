package faremark.workload;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.contract.WarmupPass;
import faremark.contract.WorkloadEvent;
import faremark.contract.WorkloadResult;
import faremark.contract.WorkloadSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The spec's warm-up passes, through WorkloadMain as the orchestrator runs it, for every model. */
class WarmupPassesTest {

  static List<String> ids() {
    return JavaModelsTest.ids();
  }

  /** WorkloadMain in this JVM: its exit code and its stdout events. */
  private static WorkloadEvent.Done runMain(WorkloadSpec spec, List<WorkloadEvent> seen) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = WorkloadMain.run(new String[] {"--spec-json", Runs.json(spec)},
        new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(code).isZero();
    for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
      seen.add(WorkloadEvent.parse(line));
    }
    assertThat(seen).hasSize(2).first().isInstanceOf(WorkloadEvent.Ready.class);
    return (WorkloadEvent.Done) seen.get(1);
  }

  @ParameterizedTest
  @MethodSource("ids")
  void passesRunTheWholeJobBeforeReadyAndAreNeverCounted(String id) throws Exception {
    int cold;
    try (FixtureServer server = new FixtureServer(Duration.ZERO)) {
      runMain(JavaModelsTest.withTwoWorkers(server.spec(id, 4, 2)), new ArrayList<>());
      cold = server.connections();
    }
    try (FixtureServer server = new FixtureServer(Duration.ZERO)) {
      WorkloadSpec spec = JavaModelsTest.withTwoWorkers(server.spec(id, 4, 2)).withWarmup(2);
      WorkloadResult result = runMain(spec, new ArrayList<>()).result();

      assertThat(server.requests()).as("2 passes + the run, 4 days each").isEqualTo(12);
      assertThat(result.requested()).isEqualTo(4);
      assertThat(result.ok()).isEqualTo(4);
      assertThat(result.latency().count()).isEqualTo(4);
      assertThat(result.aggregate()).isEqualTo(FixtureServer.expected(spec));
      List<WarmupPass> passes = WarmupPass.in(result).orElseThrow();
      assertThat(passes).hasSize(2).allSatisfy(p -> {
        assertThat(p.requested()).isEqualTo(4);
        assertThat(p.ok()).isEqualTo(4);
        assertThat(p.failed()).isEmpty();
        assertThat(p.attempts()).isEqualTo(4);
        assertThat(p.latency().count()).isEqualTo(4);
        assertThat(p.requestPhase()).isPositive();
        assertThat(p.cpu()).isNotNull();
      });
      // The throw-away instances closed their connections: the measured run opened its own.
      assertThat(server.connections()).isGreaterThan(cold);
    }
  }

  @Test
  void withoutPassesTheResultHasNoWarmupAndTheSpecNoField() throws Exception {
    try (FixtureServer server = new FixtureServer(Duration.ZERO)) {
      WorkloadSpec spec = server.spec("async", 3, 3);
      assertThat(Runs.json(spec)).doesNotContain("warmup");
      assertThat(Runs.json(spec.withWarmup(1))).contains("\"warmup\":1");
      WorkloadResult result = runMain(spec, new ArrayList<>()).result();
      assertThat(result.details()).doesNotContainKey(WarmupPass.DETAILS_KEY);
      assertThat(WarmupPass.in(result)).isEmpty();
      assertThat(server.requests()).isEqualTo(3);
    }
  }
}
