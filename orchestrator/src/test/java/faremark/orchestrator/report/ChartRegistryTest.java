package faremark.orchestrator.report;

import faremark.orchestrator.report.data.ReportData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faremark.orchestrator.report.ChartRegistry.Placed;
import faremark.orchestrator.report.ChartRegistry.Placement;
import faremark.orchestrator.report.chart.Canvas;
import faremark.orchestrator.report.chart.Chart;
import faremark.orchestrator.results.ExperimentData;
import faremark.orchestrator.results.ResultsFixture;
import faremark.orchestrator.results.ResultsReader;
import faremark.orchestrator.results.Summaries;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Charts in registration order with their placement; ids that would collide are refused. */
class ChartRegistryTest {
  @TempDir Path tmp;
  private ReportData data;

  private record Named(String id) implements Chart {
    public String title() {
      return id;
    }

    public int width() {
      return 10;
    }

    public int height() {
      return 10;
    }

    public void draw(Canvas c) {}
  }

  @BeforeEach
  void load() throws Exception {
    ExperimentData raw = ResultsReader.read(ResultsFixture.writeA(tmp.resolve("a")));
    data = ReportDataBuilder.build(raw, Summaries.of(raw));
  }

  @Test
  void chartsComeInRegistrationOrderWithTheirPlacementAndOnePerModel() {
    ChartRegistry registry = ChartRegistry.empty()
        .tile(d -> new Named("t1"))
        .wide(d -> new Named("w"))
        .perModel((d, m) -> new Named("own-" + m.id()))
        .tile(d -> new Named("t2"));

    assertThat(registry.charts(data)).extracting(p -> p.placement() + " " + p.chart().id())
        .containsExactly("TILE t1", "WIDE w", "PER_MODEL own-sequential", "PER_MODEL own-thread-pool",
            "PER_MODEL own-py-asyncio", "TILE t2");
  }

  @Test
  void theBuiltInChartsAreTheArticlesInPageOrder() {
    List<Placed> charts = ReportCharts.of(data);
    assertThat(charts).filteredOn(p -> p.placement().png()).extracting(p -> p.placement() + " " + p.chart().id())
        .containsExactly("WIDE memory", "TILE peak", "TILE peak-above-baseline", "TILE request-phase",
            "TILE latency", "WIDE failures");
    assertThat(charts).filteredOn(p -> p.placement() == Placement.PER_MODEL).extracting(p -> p.chart().id())
        .containsExactly("memory-sequential", "memory-thread-pool", "memory-py-asyncio");
  }

  @Test
  void aChartRegisteredWhenItsDataIsThereIsDrawnOnlyThen() {
    ChartRegistry registry = ChartRegistry.empty()
        .wideWhen(d -> d.models().size() == 3, d -> new Named("shown"))
        .wideWhen(d -> false, d -> new Named("hidden"));
    assertThat(registry.charts(data)).extracting(p -> p.placement() + " " + p.chart().id())
        .containsExactly("WIDE shown");
  }

  @Test
  void registeringReturnsANewRegistryAndLeavesTheOldOneAsItWas() {
    int before = ReportCharts.of(data).size();
    ChartRegistry more = ReportCharts.BUILT_IN.tile(d -> new Named("extra"));
    assertThat(ReportCharts.of(data)).hasSize(before);
    assertThat(more.charts(data)).hasSize(before + 1);
  }

  @Test
  void twoChartsWithOneIdAreRefused() {
    ChartRegistry twice = ReportCharts.BUILT_IN.wide(d -> new Named("peak"));
    assertThatThrownBy(() -> twice.charts(data)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("two charts have the id 'peak'");
  }

  @Test
  void anExportedChartsIdMustBeAPlainFileName() {
    ChartRegistry escaping = ChartRegistry.empty().tile(d -> new Named("../peak"));
    assertThatThrownBy(() -> escaping.charts(data)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("chart id '../peak' names its PNG");
    // not exported, so any id will do: the model ids become part of it
    assertThat(ChartRegistry.empty().perModel((d, m) -> new Named("Own " + m.id())).charts(data)).hasSize(3);
  }
}
