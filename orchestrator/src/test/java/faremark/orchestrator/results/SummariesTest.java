package faremark.orchestrator.results;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.contract.Json;
import faremark.contract.LatencyDistribution;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary of a folder, with and without the runs' latency histograms. */
class SummariesTest {
  @TempDir Path tmp;

  @Test
  void aFolderWithoutLatencyFilesSummarizesAsBefore() throws Exception {
    Path dir = ResultsFixture.writeA(tmp.resolve("a"));
    Summary summary = Summaries.of(ResultsReader.read(dir));
    assertThat(summary.models()).allMatch(m -> m.latencyMerged() == null);
    assertThat(summary.definitions()).doesNotContainKey("latencyMerged");
    assertThat(Json.mapper().writeValueAsString(summary)).doesNotContain("latencyMerged");
  }

  @Test
  void latencyFilesAddTheMergedFiguresAndChangeNothingElse() throws Exception {
    Path dir = ResultsFixture.writeA(tmp.resolve("a"));
    Summary before = Summaries.of(ResultsReader.read(dir));
    List<Long> all = ResultsFixture.keepLatency(dir, "py-asyncio");

    Summary after = Summaries.of(ResultsReader.read(dir));
    Histogram whole = LatencyLog.histogram(new LatencyDistribution.ValuesUs(all));
    ModelSummary py = after.models().stream().filter(m -> m.model().equals("py-asyncio"))
        .findFirst().orElseThrow();
    assertThat(py.latencyMerged().runs()).isEqualTo(2); // its two ok runs; the crash has none
    assertThat(py.latencyMerged().count()).isEqualTo(200);
    assertThat(py.latencyMerged().p99Us()).isEqualTo(whole.getValueAtPercentile(99));
    assertThat(after.definitions()).containsEntry("latencyMerged", MergedLatency.DEFINITION);
    // everything else as it was: the per-run figures still come from the runs' own summaries
    List<ModelSummary> withoutMerged =
        after.models().stream().map(m -> m.withLatencyMerged(null)).toList();
    assertThat(withoutMerged).isEqualTo(before.models());
  }
}
