package faremark.orchestrator.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import faremark.orchestrator.results.LatencyLog;
import faremark.orchestrator.results.ResultsLayout;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;

/** The end-to-end tests' checks that every run kept its whole latency histogram. */
final class LatencyChecks {
  private LatencyChecks() {}

  /** The run's latency.hlog counts each of its {@code days} requests and agrees with its summary. */
  static void assertKept(Path runDir, JsonNode record, int days) throws Exception {
    String what = runDir.getFileName() + " " + ResultsLayout.LATENCY;
    Histogram h = LatencyLog.read(runDir.resolve(ResultsLayout.LATENCY)).orElseThrow(
        () -> new AssertionError(what + " missing; run.json says " + record.path("latencyLog")));
    assertThat(h.getTotalCount()).as(what).isEqualTo(days);
    JsonNode summary = record.path("result").path("latency");
    assertThat(h.getTotalCount()).as(what).isEqualTo(summary.path("count").asLong());
    // the workload's own max, to the histogram's 3 significant digits
    assertThat(h.valuesAreEquivalent(h.getMaxValue(), summary.path("maxUs").asLong())).as(what).isTrue();
    assertThat(record.path("latencyLog").path("file").asText()).as(what).isEqualTo(ResultsLayout.LATENCY);
    assertThat(record.path("latencyLog").path("values").asLong()).as(what).isEqualTo(days);
    assertThat(record.path("result").has("latencyDistribution")).as(what).isFalse();
  }

  /** Every model of one-repetition {@code summary.json} has its merged latency over {@code days}. */
  static void assertMerged(JsonNode summary, int days) {
    assertThat(summary.path("definitions").has("latencyMerged")).isTrue();
    for (JsonNode model : summary.path("models")) {
      JsonNode merged = model.path("latencyMerged");
      assertThat(merged.path("count").asLong()).as(model.path("model").asText()).isEqualTo(days);
      assertThat(merged.path("runs").asInt()).isEqualTo(1);
      assertThat(merged.path("p99Us").asLong()).isPositive();
    }
  }
}
