package faremark.orchestrator.report.chart;

import faremark.orchestrator.report.chart.Canvas.Anchor;
import faremark.orchestrator.report.chart.Canvas.Stroke;
import faremark.orchestrator.report.data.ReportData.LatencyCurve;
import faremark.orchestrator.report.data.ReportData.ModelReport;
import java.util.ArrayList;
import java.util.List;

/**
 * Each model's latency percentile distribution over every request of its ok runs (their merged
 * histograms), as HdrHistogram plots one: the x axis is "percentile" on a log scale of 1 / (1 -
 * p), so 90 %, 99 %, 99.9 % ... are equally spaced and the tail gets the room; y is latency,
 * linear. One line per model, in its colour, each ending at its own largest value (its x is the
 * model's request count: the highest percentile that many requests resolve).
 */
public final class LatencyPercentileChart implements Chart {
  private static final double BOTTOM = 44;
  private final List<ModelReport> models;
  private final int width;

  /** @param models every model; those without a curve are named in the legend as such */
  public LatencyPercentileChart(List<ModelReport> models, int width) {
    this.models = List.copyOf(models);
    this.width = width;
  }

  /** Whether any model has a curve: without one the chart has nothing to show. */
  public static boolean hasData(List<ModelReport> models) {
    return models.stream().anyMatch(m -> m.latencyCurve() != null && m.latencyCurve().count() > 0);
  }

  @Override
  public String id() {
    return "latency-percentiles";
  }

  @Override
  public String title() {
    return "Request latency by percentile, every request of the ok runs (merged histograms)";
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    return 420;
  }

  /** 1 / (1 - p): 1 at 0 %, 10 at 90 %, 100 at 99 %; capped at the request count (the last). */
  static double x(double percentile, long count) {
    double tail = 1 - percentile / 100;
    return tail <= 1.0 / count ? count : 1 / tail;
  }

  @Override
  public void draw(Canvas c) {
    Style.title(c, "Request latency by percentile (all requests of the ok runs)");
    List<Style.Entry> legend = new ArrayList<>();
    for (ModelReport m : models) {
      LatencyCurve curve = m.latencyCurve();
      String label = curve == null || curve.count() == 0 ? m.id() + " (no histogram)"
          : m.id() + " (" + curve.count() + " requests, " + curve.runs() + " run"
              + (curve.runs() == 1 ? "" : "s") + ")";
      legend.add(new Style.Entry(label, Style.line(Stroke.solid(m.color(), 2))));
    }
    double legendHeight = Style.legend(c, legend, 12, Style.TITLE_HEIGHT - 2, width - 24);
    double left = 70;
    double right = width - 24;
    double top = Style.TITLE_HEIGHT + legendHeight + 10;
    double bottom = height() - BOTTOM;
    long maxCount = 1;
    double maxMs = 0;
    for (ModelReport m : models) {
      if (m.latencyCurve() != null) {
        maxCount = Math.max(maxCount, m.latencyCurve().count());
        for (double[] p : m.latencyCurve().points()) {
          maxMs = Math.max(maxMs, p[1]);
        }
      }
    }
    // x runs to the largest request count (the last percentile any model resolves), with a tick
    // at each decade of 1 / (1 - p) it passes: 0 %, 90 %, 99 %, ...
    double xSpan = Math.max(1, Math.log10(maxCount));
    int decades = (int) Math.floor(xSpan + 1e-9);
    Scale y = Scale.nice(0, maxMs, 6, bottom, top);
    for (double t : y.ticks()) {
      c.line(left, y.px(t), right, y.px(t), Stroke.solid(Style.GRID, 1));
      c.text(left - 6, y.px(t) + 4, AxisFormat.ms(t, y.step()), Style.SMALL, Anchor.END);
    }
    for (int d = 0; d <= decades; d++) {
      double px = left + (right - left) * d / xSpan;
      c.line(px, top, px, bottom, Stroke.solid(Style.GRID, 1));
      c.text(px, bottom + 16, percentLabel(d), Style.SMALL, Anchor.MIDDLE);
    }
    c.text((left + right) / 2, bottom + 34, "percentile (log scale of 1 / (1 - p))", Style.SMALL,
        Anchor.MIDDLE);
    for (ModelReport m : models) {
      LatencyCurve curve = m.latencyCurve();
      if (curve == null || curve.count() == 0) {
        continue;
      }
      List<double[]> line = new ArrayList<>();
      for (double[] p : curve.points()) {
        double lx = Math.log10(x(p[0], curve.count()));
        line.add(new double[] {left + (right - left) * lx / xSpan, y.px(p[1])});
      }
      c.polyline(line, Stroke.solid(m.color(), 2), m.id() + ": " + curve.count() + " requests");
    }
    c.line(left, top, left, bottom, Stroke.solid(Style.AXIS, 1));
    c.line(left, bottom, right, bottom, Stroke.solid(Style.AXIS, 1));
  }

  /** 0 → "0 %", 1 → "90 %", 2 → "99 %", 3 → "99.9 %". */
  static String percentLabel(int decade) {
    return switch (decade) {
      case 0 -> "0 %";
      case 1 -> "90 %";
      default -> "99" + (decade == 2 ? "" : "." + "9".repeat(decade - 2)) + " %";
    };
  }

}
