package faremark.orchestrator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faremark.contract.WorkloadSpec;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PythonSectionBinderTest {
  private static Scenario parse(String yaml) throws ScenarioException {
    return ScenarioLoader.parse(yaml, "p.yaml", Optional.empty());
  }

  @Test
  void absentSectionGetsTheLibrariesDefaults() throws Exception {
    Scenario s = parse("models: [py-asyncio]\n");
    assertThat(s.python()).isEqualTo(PythonSettings.DEFAULTS);
    assertThat(s.python().options())
        .containsEntry("aiohttpLimitPerHost", 0)
        .containsEntry("requestsPoolBlock", false)
        .containsEntry("startMethod", "fork")
        .doesNotContainKey("geventPoolSize");
  }

  @Test
  void readsEveryFieldAndRoundTrips() throws Exception {
    Scenario s = parse("""
        models: [py-threads, py-gevent, sequential]
        python: {aiohttpLimitPerHost: 10, requestsPoolBlock: true, geventPoolSize: 7, startMethod: spawn}
        """);
    assertThat(s.python()).isEqualTo(new PythonSettings(10, true, 7, "spawn"));
    assertThat(parse(s.toYaml())).isEqualTo(s);
    assertThat(s.toYaml()).contains("python:").contains("aiohttpLimitPerHost: 10");
    assertThat(parse(parse("models: [py-threads]\n").toYaml()).toYaml())
        .contains("aiohttpLimitPerHost: unlimited").contains("geventPoolSize: auto");
  }

  @Test
  void optionsGoToPythonModelsOnly() throws Exception {
    Scenario s = parse("models: [py-gevent, async]\npython: {geventPoolSize: 3}\n");
    WorkloadSpec py = s.workloadSpec("py-gevent", URI.create("http://127.0.0.1:1"));
    WorkloadSpec java = s.workloadSpec("async", URI.create("http://127.0.0.1:1"));
    assertThat(py.options()).containsEntry("geventPoolSize", 3);
    assertThat(java.options()).isEqualTo(Map.of());
  }

  @Test
  void badValuesAreLocatedProblems() {
    assertThatThrownBy(() -> parse("python:\n  aiohttpLimitPerHost: 0\n  startMethod: thread\n"))
        .hasMessageContaining("p.yaml:2:24: python.aiohttpLimitPerHost: expected a whole number >= 1 or unlimited; got '0'")
        .hasMessageContaining("p.yaml:3:16: python.startMethod: expected one of fork, spawn, forkserver; got 'thread'");
    assertThatThrownBy(() -> parse("python: {geventPoolSize: many}\n"))
        .hasMessageContaining("python.geventPoolSize: expected a whole number >= 1 or auto");
    assertThatThrownBy(() -> parse("python: {poolBlock: true}\n"))
        .hasMessageContaining("unknown field 'poolBlock'");
  }

  @Test
  void pythonIdsAreModelIdsAndCannotBeTakenByExternalModels() throws Exception {
    assertThat(parse("models: [py-sequential, py-multiprocessing]\n").models())
        .containsExactly("py-sequential", "py-multiprocessing");
    assertThatThrownBy(() -> parse("models: [py-trio]\n"))
        .hasMessageContaining("unknown model 'py-trio'").hasMessageContaining("py-asyncio");
    assertThatThrownBy(() -> parse("external: {py-threads: {command: ['{spec}']}}\n"))
        .hasMessageContaining("external.py-threads: 'py-threads' is a Python model's id");
    assertThat(parse("job: {days: 3}\n").models()).as("the default list stays the Java models")
        .doesNotContain("py-threads");
  }

  @Test
  void estimatesFollowThePythonKnobs() throws Exception {
    Scenario s = parse("""
        job: {days: 1000}
        server: {serviceTime: 100ms}
        client: {concurrency: 1000, poolSize: 100, processes: 10}
        python: {aiohttpLimitPerHost: 50}
        models: [py-asyncio, py-threads, py-multiprocessing, py-sequential]
        """);
    assertThat(Estimates.requestPhase(s, "py-asyncio")).hasValue(java.time.Duration.ofSeconds(2));
    assertThat(Estimates.requestPhase(s, "py-threads")).hasValue(java.time.Duration.ofMillis(100));
    assertThat(Estimates.requestPhase(s, "py-multiprocessing")).hasValue(java.time.Duration.ofSeconds(10));
    assertThat(Estimates.requestPhase(s, "py-sequential")).hasValue(java.time.Duration.ofSeconds(100));
  }
}
