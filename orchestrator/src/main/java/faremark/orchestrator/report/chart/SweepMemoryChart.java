package faremark.orchestrator.report.chart;

import faremark.orchestrator.report.chart.Canvas.Anchor;
import faremark.orchestrator.report.chart.Canvas.Stroke;
import faremark.orchestrator.report.data.Fmt;
import faremark.orchestrator.results.sweep.ModelSweep;
import faremark.orchestrator.results.sweep.PointResult;
import faremark.orchestrator.results.sweep.SlopeFit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One model's memory against requests in flight: a dot for every run used, the least-squares
 * line, and the slope's 95 % interval as a shaded fan through the runs' mean (the lines with the
 * interval's lowest and highest slope through the point every least-squares line passes). On
 * the model's own y scale, from 0.
 *
 * @param figure the {@code sweep.json} figure drawn, e.g. {@code peakBytes}
 */
public record SweepMemoryChart(String id, String title, String color, String parameter,
    ModelSweep model, String figure, int width, int height) implements Chart {
  private static final double MIB = 1024.0 * 1024.0;
  private static final double LEFT = 58;
  private static final double BOTTOM = 44;

  @Override
  public void draw(Canvas c) {
    Style.title(c, title);
    List<double[]> runs = new ArrayList<>();
    for (PointResult p : model.points()) {
      for (Number y : p.values().getOrDefault(figure, List.of())) {
        if (y != null) {
          runs.add(new double[] {p.value(), y.doubleValue()});
        }
      }
    }
    SlopeFit fit = model.fit(figure);
    double top = Style.TITLE_HEIGHT + 22;
    double bottom = height - BOTTOM;
    c.text(12, Style.TITLE_HEIGHT + 8, caption(fit, runs.size()), Style.SMALL, Anchor.START);
    if (runs.isEmpty()) {
      c.text(LEFT, (top + bottom) / 2, "no used run has this figure", Style.SMALL, Anchor.START);
      return;
    }
    SweepAxis x = SweepAxis.of(runs.stream().map(r -> r[0]).toList(), LEFT, width - 30);
    double xLo = runs.stream().mapToDouble(r -> r[0]).min().orElse(0);
    double xHi = runs.stream().mapToDouble(r -> r[0]).max().orElse(1);
    double yHi = runs.stream().mapToDouble(r -> r[1]).max().orElse(1) / MIB;
    List<double[]> low = new ArrayList<>();
    List<double[]> mid = new ArrayList<>();
    List<double[]> high = new ArrayList<>();
    boolean line = fit != null && fit.slope() != null;
    if (line) {
      // every least-squares line passes through the runs' mean (x̄, ȳ)
      double mx = runs.stream().mapToDouble(r -> r[0]).average().orElse(0);
      double my = fit.intercept() + fit.slope() * mx;
      for (double v : x.samples(48, xLo, xHi)) {
        mid.add(new double[] {v, (fit.intercept() + fit.slope() * v) / MIB});
        low.add(new double[] {v, (my + fit.slopeLow() * (v - mx)) / MIB});
        high.add(new double[] {v, (my + fit.slopeHigh() * (v - mx)) / MIB});
      }
      for (double[] p : low) {
        yHi = Math.max(yHi, p[1]);
      }
      for (double[] p : high) {
        yHi = Math.max(yHi, p[1]);
      }
    }
    Scale y = Scale.nice(0, yHi, 5, bottom, top);
    for (double t : y.ticks()) {
      c.line(LEFT, y.px(t), width - 30, y.px(t), Stroke.solid(Style.GRID, 1));
      c.text(LEFT - 6, y.px(t) + 4, AxisFormat.plain(t), Style.SMALL, Anchor.END);
    }
    for (double t : x.ticks()) {
      c.line(x.px(t), top, x.px(t), bottom, Stroke.solid(Style.GRID, 1));
      c.text(x.px(t), bottom + 15, AxisFormat.plain(t), Style.SMALL, Anchor.MIDDLE);
    }
    c.text((LEFT + width - 30) / 2, bottom + 32, x.title(parameter), Style.SMALL, Anchor.MIDDLE);
    c.verticalText(14, (top + bottom) / 2, "MiB", Style.SMALL);
    if (line) {
      // the fan, as thin vertical strips between the two interval lines
      for (int i = 0; i + 1 < low.size(); i++) {
        double x0 = x.px(low.get(i)[0]);
        double x1 = x.px(low.get(i + 1)[0]);
        double a = Math.max(low.get(i)[1], high.get(i)[1]);
        double b = Math.min(low.get(i)[1], high.get(i)[1]);
        double yTop = Math.max(top, Math.min(bottom, y.px(a)));
        double yBottom = Math.max(top, Math.min(bottom, y.px(b)));
        c.rect(x0, yTop, Math.max(0.5, x1 - x0), Math.max(0.5, yBottom - yTop), color, 0.18);
      }
      c.polyline(px(mid, x, y), Stroke.solid(color, 2), "least squares: "
          + Fmt.bytes(fit.slope()) + " per request in flight");
    }
    for (double[] r : runs) {
      c.circle(x.px(r[0]), y.px(r[1] / MIB), 3, color);
    }
    c.line(LEFT, bottom, width - 30, bottom, Stroke.solid(Style.AXIS, 1));
  }

  private static List<double[]> px(List<double[]> points, SweepAxis x, Scale y) {
    return points.stream().map(p -> new double[] {x.px(p[0]), y.px(p[1])}).toList();
  }

  /** "102 KiB per request in flight [100, 106] · R² 0.998 · linear · 24 runs", or why there is no line. */
  static String caption(SlopeFit fit, int runs) {
    if (fit == null || fit.slope() == null) {
      return runs + " runs" + (fit == null || fit.note() == null ? "" : "; no line: " + fit.note());
    }
    return Fmt.bytes(fit.slope()) + " " + fit.unit().replaceFirst("^bytes ", "") + " ["
        + Fmt.bytes(fit.slopeLow()) + ", "
        + Fmt.bytes(fit.slopeHigh()) + "] · R² " + (fit.r2() == null ? "-"
            : String.format(Locale.ROOT, "%.3f", fit.r2())) + " · " + fit.linearity().verdict().id()
        + " · " + runs + " runs";
  }
}
