package faremark.orchestrator.report;

import faremark.orchestrator.report.chart.Chart;
import faremark.orchestrator.report.chart.FailureChart;
import faremark.orchestrator.report.chart.LatencyChart;
import faremark.orchestrator.report.chart.LatencyPercentileChart;
import faremark.orchestrator.report.chart.MemoryChart;
import faremark.orchestrator.report.chart.SpreadBarChart;
import faremark.orchestrator.report.data.Fmt;
import faremark.orchestrator.report.data.ReportData.ModelReport;
import faremark.orchestrator.report.data.ReportData;
import faremark.orchestrator.results.Stat;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/**
 * The report's charts, one line each, in page order; the same objects draw SVG and PNG. A new
 * chart is its class and one line here (docs/extending.md, "Add a chart").
 */
public final class ReportCharts {
  public static final int WIDE = 1000;
  public static final int HALF = 480;

  public static final ChartRegistry BUILT_IN = ChartRegistry.empty()
      // A sweep's charts first (none without sweep runs): in a sweep they are the result.
      .tiles(SweepCharts::memory)
      .tiles(SweepCharts::breakdown)
      .wides(SweepCharts::requestPhase)
      .wide(d -> new MemoryChart("memory", "Memory over time, aligned at ready (all models, one scale)",
          d, d.models(), MemoryChart.maxMiB(d), WIDE, 460))
      .tile(d -> bars("peak", "Peak memory", "MiB", d, ModelReport::peakMiB, Fmt::mib, false))
      .tile(d -> bars("peak-above-baseline", "Peak above baseline (what the concurrency cost)", "MiB",
          d, ModelReport::peakAboveBaselineMiB, Fmt::mib, false))
      .tile(d -> bars("request-phase", "Request phase (first request to last response)", "time",
          d, ModelReport::requestPhaseMs, Fmt::ms, true))
      .tile(d -> new LatencyChart(d.models(), HALF))
      // Only where the runs kept their latency histograms (latency.hlog): older folders have none.
      .wideWhen(d -> LatencyPercentileChart.hasData(d.models()),
          d -> new LatencyPercentileChart(d.models(), WIDE))
      .wide(d -> new FailureChart(d.models(), WIDE))
      // Each model on its own y scale: the combined chart and the bars compare levels; these show
      // each model's shape (start-up, growth while requests are in flight, release), which on a
      // scale set by ten JVMs would be a flat line at the bottom for every one-process model.
      .perModel((d, m) -> new MemoryChart("memory-" + m.id(), m.id() + " (own scale)", d, List.of(m),
          MemoryChart.maxMiB(d, m.id()), HALF, 300));

  private ReportCharts() {}

  /** {@link #BUILT_IN}'s charts of {@code data}, in page order. */
  public static List<ChartRegistry.Placed> of(ReportData data) {
    return BUILT_IN.charts(data);
  }

  private static Chart bars(
      String id, String title, String axis, ReportData data, Function<ModelReport, Stat> stat,
      DoubleFunction<String> format, boolean time) {
    List<SpreadBarChart.Bar> bars = new ArrayList<>();
    for (ModelReport m : data.models()) {
      bars.add(new SpreadBarChart.Bar(m.id(), m.color(), stat.apply(m),
          m.ok() == 0 ? "no ok run (" + m.runs() + " not ok)" : "no data"));
    }
    return new SpreadBarChart(id, title, axis, bars, format, time, HALF);
  }
}
