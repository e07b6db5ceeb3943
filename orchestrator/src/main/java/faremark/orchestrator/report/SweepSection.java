package faremark.orchestrator.report;

import static faremark.orchestrator.report.chart.SvgCanvas.esc;

import faremark.orchestrator.report.data.Fmt;
import faremark.orchestrator.report.data.ReportData;
import faremark.orchestrator.results.sweep.Exclusion;
import faremark.orchestrator.results.sweep.KernelShare;
import faremark.orchestrator.results.sweep.ModelSweep;
import faremark.orchestrator.results.sweep.PointResult;
import faremark.orchestrator.results.sweep.SlopeFit;
import faremark.orchestrator.results.sweep.SweepAnalysis;
import faremark.orchestrator.results.ResultsLayout;
import java.util.Locale;

/**
 * The report's sweep section (only with sweep runs): per model the bytes one more request in
 * flight costs, with its interval and the checks on it, the runs left out and why, and the
 * published sleeping-task figures beside them.
 */
final class SweepSection {
  private static final String PEAK = "peakBytes";
  private static final String TOTAL = "atFullInFlight.total";

  private SweepSection() {}

  static void render(StringBuilder h, ReportData d) {
    SweepAnalysis s = d.sweep();
    boolean concurrency = s.parameter().equals("client.concurrency");
    h.append("<h2 id=\"sweep\">").append(concurrency ? "Bytes per extra in-flight request"
        : "Bytes per unit of " + esc(s.parameter())).append("</h2>\n<p class=\"muted\">The")
        .append(" slope of each run's memory against ").append(esc(s.parameter()))
        .append(" by least squares over every used run (one run, one data point). 95 % interval:")
        .append(" run-level bootstrap, ").append(s.bootstrap().resamples())
        .append(" resamples, seed ").append(s.bootstrap().seed()).append(" (runs resampled within")
        .append(" each point). Theil–Sen: the median of the slopes between pairs of runs, a")
        .append(" cross-check robust to a few wild runs. <b>not-linear</b>: ")
        .append(esc(s.linearityRule())).append(". Every number is in ")
        .append(ResultsLayout.SWEEP_JSON).append(" and ").append(ResultsLayout.SWEEP_CSV)
        .append(", with its definition.</p>\n<div class=\"card\"><table><tr><th>model</th>")
        .append("<th>peak: bytes per ").append(concurrency ? "extra in-flight request"
            : "unit of " + esc(s.parameter())).append(" (95 % CI)</th><th>Theil–Sen</th>")
        .append("<th>R²</th><th>line?</th><th>at full in-flight: bytes per request (95 % CI)</th>")
        .append("<th>kernel share (95 % CI)</th><th>runs used / left out</th></tr>\n");
    for (ModelSweep m : s.models()) {
      SlopeFit peak = m.fit(PEAK);
      SlopeFit total = m.fit(TOTAL);
      int used = m.points().stream().mapToInt(p -> p.used().size()).sum();
      int out = m.points().stream().mapToInt(p -> p.excluded().size()).sum();
      h.append("<tr><td>").append(esc(m.model())).append("</td><td class=\"num\">")
          .append(slope(peak)).append("</td><td class=\"num\">")
          .append(peak == null || peak.theilSen() == null ? "-" : esc(Fmt.bytes(peak.theilSen())))
          .append("</td><td class=\"num\">").append(peak == null || peak.r2() == null ? "-"
              : String.format(Locale.ROOT, "%.3f", peak.r2()))
          .append("</td><td>").append(peak == null ? "-" : linearity(peak))
          .append("</td><td class=\"num\">").append(slope(total)).append("</td><td class=\"num\">")
          .append(share(m.kernelShare())).append("</td><td class=\"num\">").append(used)
          .append(" / ").append(out).append("</td></tr>\n");
    }
    h.append("</table></div>\n");
    excluded(h, s);
    if (concurrency) {
      published(h);
    }
  }

  private static String slope(SlopeFit f) {
    if (f == null) {
      return "-";
    }
    if (f.slope() == null) {
      return "<span class=\"muted\">" + esc(f.note()) + "</span>";
    }
    return "<b>" + esc(Fmt.bytes(f.slope())) + "</b><br><small class=\"muted\">["
        + esc(Fmt.bytes(f.slopeLow())) + ", " + esc(Fmt.bytes(f.slopeHigh())) + "] (" + f.runs()
        + " runs, " + f.points() + " points)</small>";
  }

  private static String linearity(SlopeFit f) {
    String id = f.linearity().verdict().id();
    String label = f.linearity().nonLinear() ? "<b>" + id + "</b>" : id;
    return label + "<br><small class=\"muted\">" + esc(f.linearity().detail()) + "</small>";
  }

  private static String share(KernelShare k) {
    if (k == null) {
      return "-";
    }
    return "<b>" + String.format(Locale.ROOT, "%.0f %%", 100 * k.share()) + "</b>"
        + (k.low() == null ? "" : String.format(Locale.ROOT,
            "<br><small class=\"muted\">[%.0f %%, %.0f %%]</small>", 100 * k.low(), 100 * k.high()));
  }

  /** Every run left out, with why: reported, never averaged in. */
  private static void excluded(StringBuilder h, SweepAnalysis s) {
    boolean any = s.models().stream().anyMatch(m -> m.points().stream()
        .anyMatch(p -> !p.excluded().isEmpty()));
    if (!any) {
      h.append("<p class=\"muted\">Every sweep run was used: ok, verified, and with its N requests"
          + " in flight at the fare server.</p>\n");
      return;
    }
    h.append("<p class=\"skipped\"><b>Left out</b> of every median and line:</p>\n<ul class=\"skipped\">");
    for (ModelSweep m : s.models()) {
      for (PointResult p : m.points()) {
        for (Exclusion x : p.excluded()) {
          h.append("<li><code>").append(esc(x.runId())).append("</code> (").append(esc(m.model()))
              .append(" at ").append(Fmt.num(p.value())).append(") — ").append(esc(x.kind().id()))
              .append(": ").append(esc(x.reason())).append("</li>");
        }
      }
    }
    h.append("</ul>\n");
  }

  private static void published(StringBuilder h) {
    h.append("<h3>Published sleeping-task figures, for scale</h3>\n<p class=\"muted\">Memory per")
        .append(" task of tasks that sleep or pass a byte through a pipe: no socket, no request,")
        .append(" no parsed answer, resident memory only (no kernel memory), one run per cell and")
        .append(" no interval. They are floors for an idle task, not figures to compare with the")
        .append(" slopes above.</p>\n<div class=\"card\"><table><tr><th>task</th><th>per task</th>")
        .append("<th>nearest faremark model</th><th>how</th><th>source</th></tr>\n");
    for (PublishedFigures f : PublishedFigures.ALL) {
      h.append("<tr><td>").append(esc(f.what())).append("</td><td class=\"num\">")
          .append(esc(f.perTask())).append("</td><td>").append(esc(f.nearestModel()))
          .append("</td><td class=\"def\">").append(esc(f.derivation()))
          .append("</td><td class=\"def\">").append(esc(f.source())).append("</td></tr>\n");
    }
    h.append("</table></div>\n");
  }
}
