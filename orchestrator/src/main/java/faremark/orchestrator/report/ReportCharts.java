package faremark.orchestrator.report;

import faremark.orchestrator.report.ReportData.ModelReport;
import faremark.orchestrator.report.chart.Chart;
import faremark.orchestrator.report.chart.FailureChart;
import faremark.orchestrator.report.chart.LatencyChart;
import faremark.orchestrator.report.chart.MemoryChart;
import faremark.orchestrator.report.chart.SpreadBarChart;
import faremark.orchestrator.results.Stat;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The report's charts, each built from {@link ReportData} alone; the same objects draw SVG and PNG. */
public final class ReportCharts {
  static final int WIDE = 1000;
  static final int HALF = 480;

  /**
   * @param main the charts of the report's first screen, also exported as PNG
   * @param perModel one memory chart per model, each on its own y scale
   */
  public record Set(List<Chart> main, List<Chart> perModel) {}

  private ReportCharts() {}

  public static Set of(ReportData data) {
    double yMax = MemoryChart.maxMiB(data);
    List<Chart> main = new ArrayList<>();
    main.add(new MemoryChart("memory", "Memory over time, aligned at ready (all models, one scale)",
        data, data.models(), yMax, WIDE, 460));
    main.add(bars("peak", "Peak memory", "MiB", data, ModelReport::peakMiB, Fmt::mib, false));
    main.add(bars("peak-above-baseline", "Peak above baseline (what the concurrency cost)", "MiB",
        data, ModelReport::peakAboveBaselineMiB, Fmt::mib, false));
    main.add(bars("request-phase", "Request phase (first request to last response)",
        "time", data, ModelReport::requestPhaseMs, Fmt::ms, true));
    main.add(new LatencyChart(data.models(), HALF));
    main.add(new FailureChart(data.models(), WIDE));
    List<Chart> perModel = new ArrayList<>();
    // Each model on its own y scale: the combined chart and the bars compare levels; these show
    // each model's shape (start-up, growth while requests are in flight, release), which on a
    // scale set by ten JVMs would be a flat line at the bottom for every one-process model.
    for (ModelReport m : data.models()) {
      perModel.add(new MemoryChart("memory-" + m.id(), m.id() + " (own scale)", data, List.of(m),
          MemoryChart.maxMiB(data, m.id()), HALF, 300));
    }
    return new Set(List.copyOf(main), List.copyOf(perModel));
  }

  private static Chart bars(
      String id, String title, String axis, ReportData data, Function<ModelReport, Stat> stat,
      java.util.function.DoubleFunction<String> format, boolean time) {
    List<SpreadBarChart.Bar> bars = new ArrayList<>();
    for (ModelReport m : data.models()) {
      bars.add(new SpreadBarChart.Bar(m.id(), m.color(), stat.apply(m),
          m.ok() == 0 ? "no ok run (" + m.runs() + " not ok)" : "no data"));
    }
    return new SpreadBarChart(id, title, axis, bars, format, time, HALF);
  }
}
