package faremark.orchestrator.results.sweep;

import faremark.orchestrator.output.SafeText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code sweep.csv}: one row per model, figure and sweep point, with the point's median and
 * interval and, repeated on every row of the figure, its fitted line (so one filter gives a
 * plot's points and its line). Units: {@code unit} names the figure's; slopes are that unit per
 * request in flight. Cells are empty where a figure has no value or no line. The kernel's share
 * is on the rows of {@code atFullInFlight.kernel}. Definitions are in {@code sweep.json}.
 */
public final class SweepCsv {
  static final List<String> HEADER = List.of("model", "figure", "unit", "point", "value",
      "runs_used", "runs_excluded", "excluded", "n", "median", "median_low", "median_high",
      "median_coverage", "slope", "slope_low", "slope_high", "theil_sen", "intercept", "r2",
      "linearity", "lack_of_fit_p", "kernel_share", "kernel_share_low", "kernel_share_high");

  private SweepCsv() {}

  public static String write(SweepAnalysis sweep) {
    StringBuilder out = new StringBuilder(String.join(",", HEADER)).append('\n');
    for (ModelSweep m : sweep.models()) {
      for (String figure : sweep.figures().keySet()) {
        SlopeFit fit = m.fit(figure);
        boolean kernel = figure.equals(SweepFigure.AT_FULL + "kernel") && m.kernelShare() != null;
        for (PointResult p : m.points()) {
          Estimate e = p.figures().get(figure);
          List<String> row = new ArrayList<>();
          row.add(SafeText.csvCell(m.model()));
          row.add(figure);
          row.add(sweep.figures().get(figure).unit().id());
          row.add(Integer.toString(p.point()));
          row.add(num(p.value(), 0));
          row.add(Integer.toString(p.used().size()));
          row.add(Integer.toString(p.excluded().size()));
          row.add(SafeText.csvCell(p.excluded().stream()
              .map(x -> x.runId() + "=" + x.kind().id()).collect(Collectors.joining(";"))));
          row.add(e == null ? "" : Integer.toString(e.n()));
          row.add(e == null ? "" : num(e.median(), 1));
          row.add(e == null ? "" : num(e.low(), 1));
          row.add(e == null ? "" : num(e.high(), 1));
          row.add(e == null ? "" : num(e.coverage(), 4));
          row.add(fit == null ? "" : num(fit.slope(), 1));
          row.add(fit == null ? "" : num(fit.slopeLow(), 1));
          row.add(fit == null ? "" : num(fit.slopeHigh(), 1));
          row.add(fit == null ? "" : num(fit.theilSen(), 1));
          row.add(fit == null ? "" : num(fit.intercept(), 0));
          row.add(fit == null ? "" : num(fit.r2(), 4));
          row.add(fit == null ? "" : fit.linearity().verdict().id());
          row.add(fit == null || fit.linearity().pValue() == null ? ""
              : String.format(Locale.ROOT, "%.3g", fit.linearity().pValue()));
          row.add(kernel ? num(m.kernelShare().share(), 4) : "");
          row.add(kernel ? num(m.kernelShare().low(), 4) : "");
          row.add(kernel ? num(m.kernelShare().high(), 4) : "");
          out.append(String.join(",", row)).append('\n');
        }
      }
    }
    return out.toString();
  }

  /** Whole numbers without a fraction; others to {@code decimals}, trailing zeros kept. */
  static String num(Double v, int decimals) {
    if (v == null) {
      return "";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString(v.longValue());
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
