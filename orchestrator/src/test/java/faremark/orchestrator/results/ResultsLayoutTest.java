package faremark.orchestrator.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The names of a results folder, spelt out once more on purpose: every folder already written and
 * every script reading one depends on them. A change that fails here is a new results format
 * (raise {@link ResultsLayout#FORMAT_VERSION} and teach the reader the old one), not a rename.
 */
class ResultsLayoutTest {
  @Test
  void theNamesOfAResultsFolderAreFixed() {
    assertThat(ResultsLayout.FORMAT_VERSION).isEqualTo(1);
    assertThat(ResultsLayout.FORMAT_FIELD).isEqualTo("resultsFormat");
    assertThat(ResultsLayout.SCENARIO).isEqualTo("scenario.resolved.yaml");
    assertThat(ResultsLayout.ENVIRONMENT).isEqualTo("environment.json");
    assertThat(ResultsLayout.NETWORK).isEqualTo("network.json");
    assertThat(ResultsLayout.EXPECTED).isEqualTo("expected.json");
    assertThat(ResultsLayout.PYTHON).isEqualTo("python.json");
    assertThat(ResultsLayout.LOG).isEqualTo("faremark.log");
    assertThat(ResultsLayout.PYTHON_SOURCES).isEqualTo("python");
    assertThat(ResultsLayout.RUNS).isEqualTo("runs");
    assertThat(ResultsLayout.SPEC).isEqualTo("spec.json");
    assertThat(ResultsLayout.EVENTS).isEqualTo("events.jsonl");
    assertThat(ResultsLayout.SAMPLES).isEqualTo("samples.csv");
    assertThat(ResultsLayout.SAMPLER).isEqualTo("sampler.json");
    assertThat(ResultsLayout.STDERR).isEqualTo("stderr.log");
    assertThat(ResultsLayout.RUN_RECORD).isEqualTo("run.json");
    assertThat(ResultsLayout.LATENCY).isEqualTo("latency.hlog");
    assertThat(ResultsLayout.DERIVED)
        .containsExactly("summary.json", "summary.csv", "report-data.json", "report.html");
    assertThat(ResultsLayout.chartPng("peak-above-baseline")).isEqualTo("peak-above-baseline.png");
  }

  @Test
  void aFolderIsNamedByItsUtcStartToTheSecondAndItsScenario() {
    assertThat(ResultsLayout.folderName(Instant.parse("2026-01-01T12:00:00.999Z"), "seed"))
        .isEqualTo("20260101T120000Z-seed");
  }
}
