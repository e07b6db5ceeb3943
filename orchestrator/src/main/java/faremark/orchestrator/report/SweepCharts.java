package faremark.orchestrator.report;

import faremark.orchestrator.report.chart.Chart;
import faremark.orchestrator.report.chart.SweepBreakdownChart;
import faremark.orchestrator.report.chart.SweepMemoryChart;
import faremark.orchestrator.report.chart.SweepPhaseChart;
import faremark.orchestrator.report.data.ReportData;
import faremark.orchestrator.results.sweep.ModelSweep;
import faremark.orchestrator.results.sweep.SweepAnalysis;
import java.util.ArrayList;
import java.util.List;

/**
 * A sweep's charts for {@link ReportCharts#BUILT_IN}: none for a report without a sweep, so a
 * folder without sweep runs is drawn exactly as before.
 */
final class SweepCharts {
  static final String PEAK = "peakBytes";

  private SweepCharts() {}

  /** Per model: peak memory against N, every run a dot, the line and its interval. */
  static List<Chart> memory(ReportData d) {
    List<Chart> charts = new ArrayList<>();
    if (d.sweep() != null) {
      for (ModelSweep m : d.sweep().models()) {
        charts.add(new SweepMemoryChart("sweep-memory-" + fileName(m.model()), m.model()
            + ": peak memory per run", color(d, m.model()),
            d.sweep().parameter(), m, PEAK, ReportCharts.HALF, 320));
      }
    }
    return charts;
  }

  /** Per model with a breakdown: memory at full in-flight by kind, stacked per point. */
  static List<Chart> breakdown(ReportData d) {
    List<Chart> charts = new ArrayList<>();
    if (d.sweep() != null) {
      for (ModelSweep m : d.sweep().models()) {
        if (SweepBreakdownChart.drawable(m)) {
          charts.add(new SweepBreakdownChart("sweep-breakdown-" + fileName(m.model()), m.model()
              + ": memory at full in-flight by kind", m, ReportCharts.HALF, 320));
        }
      }
    }
    return charts;
  }

  /** Every model's request phase against N. */
  static List<Chart> requestPhase(ReportData d) {
    SweepAnalysis s = d.sweep();
    if (s == null) {
      return List.of();
    }
    List<SweepPhaseChart.Series> series = s.models().stream()
        .map(m -> new SweepPhaseChart.Series(m.model(), color(d, m.model()), m)).toList();
    return List.of(new SweepPhaseChart("sweep-request-phase", "Request phase against "
        + s.parameter() + " (median per point, 95 % interval)", s.parameter(), series,
        ReportCharts.WIDE, 340));
  }

  /**
   * A model id as part of a PNG's name: built-in ids already are lower-case words and dashes; an
   * external model's id written otherwise must still name a file inside the results folder.
   */
  static String fileName(String model) {
    String s = model.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]+", "-")
        .replaceAll("^-+", "");
    return s.isEmpty() ? "model" : s;
  }

  private static String color(ReportData d, String model) {
    return d.models().stream().filter(m -> m.id().equals(model)).map(ReportData.ModelReport::color)
        .findFirst().orElse(ModelColors.of(model));
  }
}
