package faremark.orchestrator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faremark.contract.WorkloadSpec;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WarmupBinderTest {
  private static Scenario parse(String yaml) throws ScenarioException {
    return ScenarioLoader.parse(yaml, "w.yaml", Optional.empty());
  }

  @Test
  void offByDefaultAndLeftOutOfTheResolvedScenario() throws Exception {
    Scenario s = parse("models: [async]\n");
    assertThat(s.warmup()).isZero();
    assertThat(s.firstUseRuns()).isZero();
    assertThat(s.toYaml()).doesNotContain("warmup").doesNotContain("firstUse");
    assertThat(s.workloadSpec("async", URI.create("http://127.0.0.1:1")).warmup()).isZero();
  }

  @Test
  void warmupGoesIntoEverySpecAndRoundTrips() throws Exception {
    Scenario s = parse("models: [async, py-asyncio]\nrun: {warmup: 2}\n");
    assertThat(s.warmup()).isEqualTo(2);
    WorkloadSpec spec = s.workloadSpec("py-asyncio", URI.create("http://127.0.0.1:1"));
    assertThat(spec.warmup()).isEqualTo(2);
    assertThat(s.toYaml()).contains("  warmup: 2").doesNotContain("firstUse");
    assertThat(parse(s.toYaml())).isEqualTo(s);
  }

  @Test
  void firstUseRunsAreReadAndRoundTrip() throws Exception {
    Scenario s = parse("models: [async]\nrun:\n  firstUse: {runs: 6}\n");
    assertThat(s.firstUseRuns()).isEqualTo(6);
    assertThat(s.warmup()).isZero();
    assertThat(s.toYaml()).contains("firstUse:").contains("runs: 6").doesNotContain("warmup");
    assertThat(parse(s.toYaml())).isEqualTo(s);
    assertThat(parse("run: {firstUse: {runs: 0}}\n").toYaml()).doesNotContain("firstUse");
  }

  @Test
  void badValuesAreLocatedProblems() {
    assertThatThrownBy(() -> parse("run:\n  warmup: -1\n"))
        .hasMessageContaining("w.yaml:2:11: run.warmup: expected a whole number >= 0 (0 = none:"
            + " the request phase includes the runtime's first use); got '-1'");
    assertThatThrownBy(() -> parse("run: {warmup: 1.5}\n"))
        .hasMessageContaining("run.warmup");
    assertThatThrownBy(() -> parse("run: {firstUse: {runs: -2}}\n"))
        .hasMessageContaining("run.firstUse.runs: expected a whole number >= 0");
    assertThatThrownBy(() -> parse("run: {firstUse: {}}\n"))
        .hasMessageContaining("run.firstUse: expected {runs: N}");
    assertThatThrownBy(() -> parse("run: {firstUse: {repeats: 3}}\n"))
        .hasMessageContaining("unknown field 'repeats'");
  }

  @Test
  void firstUseNeedsColdMeasuredRuns() {
    assertThatThrownBy(() -> parse("run:\n  warmup: 1\n  firstUse: {runs: 3}\n"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("w.yaml:3:")
        .hasMessageContaining("run.firstUse.runs: first-use reference runs are set against cold"
            + " measured runs, so they need run.warmup 0; got run.warmup 1");
  }
}
