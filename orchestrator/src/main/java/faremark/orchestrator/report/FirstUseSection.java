package faremark.orchestrator.report;

import static faremark.orchestrator.report.chart.SvgCanvas.esc;

import faremark.orchestrator.report.data.ReportData;
import faremark.orchestrator.report.data.ReportData.ModelReport;
import faremark.orchestrator.report.data.Fmt;
import faremark.orchestrator.results.DistributionFree;
import faremark.orchestrator.results.FirstUseSummary;
import faremark.orchestrator.results.FirstUseSummary.Estimate;
import faremark.orchestrator.results.FirstUseSummary.ModelFirstUse;
import faremark.orchestrator.results.ResultsLayout;
import java.util.Locale;

/**
 * The report's section on the runtime's first use (only with first-use reference runs): per
 * model the request phase cold and warm, the difference with its interval, and the CPU spent in
 * the request phase either way, which is where the first use shows as work.
 */
final class FirstUseSection {
  private FirstUseSection() {}

  static void render(StringBuilder h, ReportData d) {
    FirstUseSummary f = d.firstUse();
    h.append("<h2 id=\"first-use\">The runtime's first use</h2>\n<p class=\"muted\">Cold: the"
        + " request phase of the measured runs, as every other figure. Warm: the same job in ")
        .append(f.referenceRuns()).append(" reference runs per model, each measured after ")
        .append(f.warmupPasses()).append(" warm-up pass of it through a throw-away instance of"
        + " the model (its connections and threads closed; recorded in ")
        .append(ResultsLayout.FIRST_USE).append("/, in no other figure). First use = cold − warm:"
        + " what running the model once costs on top of its warm request phase. Intervals are"
        + " distribution-free, 95 % unless another coverage is given (3 runs: [min, max],"
        + " 75 %); the first use's interval is the Mann–Whitney interval of the shift between"
        + " cold and warm runs, and where it includes 0 the two are not distinguishable.</p>\n")
        .append("<div class=\"card\"><table><tr><th>model</th><th>cold</th><th>warm</th>"
            + "<th>first use</th><th>share of cold</th><th>CPU in the request phase, cold /"
            + " warm</th><th>reference runs ok</th></tr>\n");
    for (ModelFirstUse m : f.models()) {
      String color = d.models().stream().filter(r -> r.id().equals(m.model()))
          .map(ModelReport::color).findFirst().orElse("#999");
      h.append("<tr><td><span class=\"swatch\" style=\"background:").append(color)
          .append("\"></span>").append(esc(m.model())).append("</td><td class=\"num\">")
          .append(estimate(m.coldMs())).append("</td><td class=\"num\">")
          .append(estimate(m.warmMs())).append("</td><td class=\"num\">").append(firstUse(m))
          .append("</td><td class=\"num\">")
          .append(m.firstUseShare() == null || !Boolean.TRUE.equals(m.distinguishable()) ? "-"
              : String.format(Locale.ROOT, "%.0f %%", 100 * m.firstUseShare()))
          .append("</td><td class=\"num\">").append(cpu(m)).append("</td><td class=\"num\">")
          .append(m.referenceOk()).append(" of ").append(m.referenceRuns()).append("</td></tr>\n");
      if (m.note() != null) {
        h.append("<tr><td></td><td colspan=\"6\" class=\"def\">").append(esc(m.note()))
            .append("</td></tr>\n");
      }
    }
    h.append("</table></div>\n");
  }

  /** The median on its line, the interval (and a coverage below 95 %) small under it. */
  private static String estimate(Estimate e) {
    if (e == null) {
      return "-";
    }
    if (e.n() == 1) {
      return "<b>" + esc(Fmt.ms(e.median())) + "</b><br><small class=\"muted\">1 run</small>";
    }
    return "<b>" + esc(Fmt.ms(e.median())) + "</b><br><small class=\"muted\">"
        + esc(interval(e.low(), e.high(), e.coverage())) + " (n=" + e.n() + ")</small>";
  }

  private static String firstUse(ModelFirstUse m) {
    if (m.firstUseMs() == null) {
      return "-";
    }
    String interval = interval(m.firstUseLowMs(), m.firstUseHighMs(), m.firstUseCoverage());
    if (Boolean.FALSE.equals(m.distinguishable())) {
      return "not distinguishable<br><small class=\"muted\">" + esc(Fmt.ms(m.firstUseMs())) + " "
          + esc(interval) + "</small>";
    }
    return "<b>" + esc(Fmt.ms(m.firstUseMs())) + "</b><br><small class=\"muted\">" + esc(interval)
        + "</small>";
  }

  private static String interval(double low, double high, double coverage) {
    return "[" + Fmt.ms(low) + ", " + Fmt.ms(high) + "]"
        + (coverage >= DistributionFree.COVERAGE ? "" : String.format(Locale.ROOT, " %.0f %%", 100 * coverage));
  }

  private static String cpu(ModelFirstUse m) {
    if (m.coldCpuMs() == null && m.warmCpuMs() == null) {
      return "-";
    }
    return (m.coldCpuMs() == null ? "-" : String.format(Locale.ROOT, "%.0f", m.coldCpuMs().median()))
        + " / " + (m.warmCpuMs() == null ? "-" : String.format(Locale.ROOT, "%.0f ms", m.warmCpuMs().median()));
  }
}
