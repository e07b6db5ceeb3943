package faremark.orchestrator.report.chart;

import faremark.orchestrator.report.chart.Canvas.Anchor;
import faremark.orchestrator.report.chart.Canvas.Stroke;
import faremark.orchestrator.results.sweep.Estimate;
import faremark.orchestrator.results.sweep.ModelSweep;
import faremark.orchestrator.results.sweep.PointResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Every model's request phase against the swept value: the median over each point's used runs,
 * joined per model, with a whisker over its distribution-free interval.
 */
public record SweepPhaseChart(String id, String title, String parameter, List<Series> series,
    int width, int height) implements Chart {
  /** A model's sweep and its colour. */
  public record Series(String model, String color, ModelSweep sweep) {}

  private static final String FIGURE = "requestPhaseMs";
  private static final double LEFT = 64;
  private static final double BOTTOM = 44;
  public SweepPhaseChart {
    series = List.copyOf(series);
  }

  @Override
  public void draw(Canvas c) {
    Style.title(c, title);
    List<Style.Entry> legend = new ArrayList<>();
    series.forEach(s -> legend.add(new Style.Entry(s.model(), Style.line(Stroke.solid(s.color(), 2)))));
    double top = Style.TITLE_HEIGHT + Style.legend(c, legend, 12, Style.TITLE_HEIGHT, width - 24) + 10;
    double bottom = height - BOTTOM;
    List<Double> xs = new ArrayList<>();
    double yHi = 0;
    for (Series s : series) {
      for (PointResult p : s.sweep().points()) {
        Estimate e = p.figures().get(FIGURE);
        if (e != null) {
          xs.add(p.value());
          yHi = Math.max(yHi, e.high());
        }
      }
    }
    if (xs.isEmpty()) {
      c.text(LEFT, (top + bottom) / 2, "no used run has a request phase", Style.SMALL, Anchor.START);
      return;
    }
    SweepAxis x = SweepAxis.of(xs, LEFT, width - 30);
    Scale y = Scale.nice(0, yHi, 5, bottom, top);
    for (double t : y.ticks()) {
      c.line(LEFT, y.px(t), width - 30, y.px(t), Stroke.solid(Style.GRID, 1));
      c.text(LEFT - 6, y.px(t) + 4, AxisFormat.ms(t, y.step()), Style.SMALL, Anchor.END);
    }
    for (double t : x.ticks()) {
      c.line(x.px(t), top, x.px(t), bottom, Stroke.solid(Style.GRID, 1));
      c.text(x.px(t), bottom + 15, AxisFormat.plain(t), Style.SMALL, Anchor.MIDDLE);
    }
    c.text((LEFT + width - 30) / 2, bottom + 32, x.title(parameter), Style.SMALL, Anchor.MIDDLE);
    for (Series s : series) {
      List<double[]> line = new ArrayList<>();
      for (PointResult p : s.sweep().points()) {
        Estimate e = p.figures().get(FIGURE);
        if (e == null) {
          continue;
        }
        double px = x.px(p.value());
        line.add(new double[] {px, y.px(e.median())});
        c.line(px, y.px(e.low()), px, y.px(e.high()), Stroke.solid(s.color(), 1.2));
        c.circle(px, y.px(e.median()), 3, s.color());
      }
      c.polyline(line, Stroke.solid(s.color(), 1.6), s.model() + ": median request phase per point");
    }
    c.line(LEFT, bottom, width - 30, bottom, Stroke.solid(Style.AXIS, 1));
  }
}
