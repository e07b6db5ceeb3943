package faremark.orchestrator.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import faremark.orchestrator.results.FirstUseSummary.ModelFirstUse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstUseAnalysisTest {
  @TempDir Path tmp;

  @Test
  void setsTheMeasuredRunsAgainstTheReferenceRuns() throws Exception {
    ExperimentData data = ResultsReader.read(FirstUseFixture.write(tmp.resolve("c")));
    assertThat(data.runs()).hasSize(6);
    assertThat(data.firstUseRuns()).hasSize(12);
    assertThat(data.interrupted()).isFalse();
    FirstUseSummary f = FirstUseAnalysis.of(data);
    assertThat(f.referenceRuns()).isEqualTo(6);
    assertThat(f.warmupPasses()).isEqualTo(1);

    ModelFirstUse pool = f.models().get(0);
    assertThat(pool.model()).isEqualTo("thread-pool");
    assertThat(pool.coldMs()).isEqualTo(new FirstUseSummary.Estimate(3, 832, 764, 942, 0.75));
    // the crashed reference run is not in the warm figure
    assertThat(pool.referenceRuns()).isEqualTo(6);
    assertThat(pool.referenceOk()).isEqualTo(5);
    assertThat(pool.warmMs()).isEqualTo(new FirstUseSummary.Estimate(5, 388, 372, 413, 0.938));
    assertThat(pool.firstUseMs()).isEqualTo(444.0);
    // 3 cold and 5 warm runs: no 95 % interval narrower than the extreme differences (96.4 %)
    assertThat(pool.firstUseLowMs()).isEqualTo(764.0 - 413);
    assertThat(pool.firstUseHighMs()).isEqualTo(942.0 - 372);
    assertThat(pool.firstUseCoverage()).isCloseTo(1 - 2.0 / 56, within(0.001));
    assertThat(pool.distinguishable()).isTrue();
    assertThat(pool.intervalsOverlap()).isFalse();
    assertThat(pool.firstUseShare()).isCloseTo(444.0 / 832, within(0.001));
    assertThat(pool.coldCpuMs().median()).isEqualTo(1250);
    assertThat(pool.warmCpuMs().median()).isEqualTo(270);
    assertThat(pool.note()).isEqualTo("1 reference run(s) not ok, left out (017-thread-pool-w6 crashed)");

    ModelFirstUse py = f.models().get(1);
    assertThat(py.warmupNotDone()).isEqualTo(1);
    assertThat(py.referenceOk()).isEqualTo(5);
    assertThat(py.firstUseMs()).isEqualTo(376.0 - 380);
    assertThat(py.distinguishable()).isFalse();
    assertThat(py.note()).contains("1 ok reference run(s) reported no warm-up pass");
  }

  @Test
  void aFolderWithoutReferenceRunsHasNoSection() throws Exception {
    assertThat(FirstUseAnalysis.of(ResultsReader.read(ResultsFixture.writeA(tmp.resolve("a"))))).isNull();
  }

  @Test
  void theConsoleSaysColdWarmAndFirstUsePerModel() throws Exception {
    Summary summary = Summaries.of(ResultsReader.read(FirstUseFixture.write(tmp.resolve("c"))));
    Golden.assertMatches("first-use/console-table.txt", ConsoleTable.render(summary));
    assertThat(FirstUseTable.render(summary.firstUse()))
        .contains("thread-pool  832 ms [764 ms, 942 ms] 75 %")
        .contains("not distinguishable (-4 ms [-24 ms, 37 ms])");
  }

  @Test
  void withoutAWarmFigureTheNoteSaysWhy() {
    ModelFirstUse none = FirstUseAnalysis.model("async", java.util.List.of(), java.util.List.of());
    assertThat(none.firstUseMs()).isNull();
    assertThat(none.note()).isEqualTo("no ok measured run; no reference run was recorded");
  }
}
