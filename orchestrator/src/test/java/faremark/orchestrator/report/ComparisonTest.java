package faremark.orchestrator.report;

import faremark.orchestrator.report.data.ReportData;
import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.report.Comparison.FigureDiff;
import faremark.orchestrator.report.Comparison.ModelDiff;
import faremark.orchestrator.results.ExperimentData;
import faremark.orchestrator.results.Golden;
import faremark.orchestrator.results.ResultsFixture;
import faremark.orchestrator.results.ResultsReader;
import faremark.orchestrator.results.Summaries;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code faremark compare}: B against A, per model, from raw data. */
class ComparisonTest {
  @TempDir Path tmp;

  private Comparison compare(ReportData a, ReportData b) {
    return Comparison.of("results/a", a, "results/b", b);
  }

  static ReportData load(Path dir) throws Exception {
    ExperimentData data = ResultsReader.read(dir);
    return ReportDataBuilder.build(data, Summaries.of(data));
  }

  @Test
  void outputMatchesTheGoldenFile() throws Exception {
    ReportData a = load(ResultsFixture.writeA(tmp.resolve("a")));
    ReportData b = load(ResultsFixture.writeB(tmp.resolve("b")));
    Golden.assertMatches("report/compare.txt", ComparisonText.render(compare(a, b), a, b));
  }

  @Test
  void directionAndSizeOfEachDifference() throws Exception {
    ReportData a = load(ResultsFixture.writeA(tmp.resolve("a")));
    ReportData b = load(ResultsFixture.writeB(tmp.resolve("b")));
    ModelDiff seq = compare(a, b).models().get(0);
    FigureDiff peak = seq.figures().stream().filter(f -> f.figure().equals("peak")).findFirst().orElseThrow();
    // A: 90, 94, 91 MiB (median 91); B: 70, 72 (median 71)
    assertThat(peak.a()).isEqualTo(91.0);
    assertThat(peak.b()).isEqualTo(71.0);
    assertThat(peak.delta()).isEqualTo(-20.0);
    assertThat(peak.percent()).isCloseTo(-21.98, org.assertj.core.data.Offset.offset(0.01));
    assertThat(peak.direction()).isEqualTo("lower (better)");
    assertThat(peak.overlap()).isFalse();
    FigureDiff okRuns = seq.figures().get(0);
    assertThat(okRuns.figure()).isEqualTo("ok runs");
    assertThat(okRuns.direction()).isEqualTo("same"); // 3 of 3, then 2 of 2: all ok on both sides
    assertThat(seq.runsA()).isEqualTo("3/3");
    assertThat(seq.runsB()).isEqualTo("2/2");
    FigureDiff tpOk = compare(a, b).models().get(1).figures().get(0);
    assertThat(tpOk.a()).isCloseTo(33.3, org.assertj.core.data.Offset.offset(0.1)); // 1 of 3
    assertThat(tpOk.direction()).isEqualTo("higher (better)");
  }

  @Test
  void clientReSendsAreComparedPerRun() throws Exception {
    ReportData a = load(ResultsFixture.writeA(tmp.resolve("a")));
    ReportData b = load(ResultsFixture.writeB(tmp.resolve("b")));
    FigureDiff resent = compare(a, b).models().get(1).figures().stream()
        .filter(f -> f.figure().equals("client re-sends per run")).findFirst().orElseThrow();
    // A: 9 over the 2 thread-pool runs with a result (3 runs, 3 and 2 repetitions); B: none
    assertThat(resent.a()).isEqualTo(4.5);
    assertThat(resent.b()).isEqualTo(0.0);
    assertThat(resent.direction()).isEqualTo("lower (better)");
  }

  @Test
  void modelsOnOneSideOnlyAreListedAsSuch() throws Exception {
    ReportData a = load(ResultsFixture.writeA(tmp.resolve("a")));
    ReportData b = load(ResultsFixture.writeB(tmp.resolve("b")));
    Comparison c = compare(a, b);
    assertThat(c.models()).extracting(ModelDiff::model)
        .containsExactly("sequential", "thread-pool", "py-asyncio", "async");
    ModelDiff py = c.models().get(2);
    assertThat(py.inA()).isTrue();
    assertThat(py.inB()).isFalse();
    assertThat(py.figures()).isEmpty();
    assertThat(ComparisonText.render(c, a, b))
        .contains("py-asyncio: only in A", "async: only in B");
  }

  @Test
  void aFolderComparedWithItselfIsTheSameEverywhere() throws Exception {
    ReportData a = load(ResultsFixture.writeA(tmp.resolve("a")));
    for (ModelDiff m : compare(a, a).models()) {
      for (FigureDiff f : m.figures()) {
        assertThat(f.direction()).as(m.model() + " " + f.figure()).isIn("same", "n/a");
      }
    }
  }
}
