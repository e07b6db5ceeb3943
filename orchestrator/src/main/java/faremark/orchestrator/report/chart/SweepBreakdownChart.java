package faremark.orchestrator.report.chart;

import faremark.orchestrator.report.chart.Canvas.Anchor;
import faremark.orchestrator.report.chart.Canvas.Stroke;
import faremark.orchestrator.report.data.Fmt;
import faremark.orchestrator.results.sweep.Estimate;
import faremark.orchestrator.results.sweep.ModelSweep;
import faremark.orchestrator.results.sweep.PointResult;
import java.util.ArrayList;
import java.util.List;

/**
 * One model's memory at full in-flight by kind, stacked per sweep point: the medians of
 * anonymous memory, page cache and kernel memory over the point's used runs, and the median
 * total as a black tick. Medians of the parts need not add up to the median of the whole; the
 * tick shows how close they come. Only the kinds the machine gave are drawn.
 */
public record SweepBreakdownChart(String id, String title, ModelSweep model, int width,
    int height) implements Chart {
  private static final double MIB = 1024.0 * 1024.0;
  private static final double LEFT = 58;
  private static final double BOTTOM = 44;
  /** The stacked kinds, bottom up, with their colours; they do not overlap. */
  private static final List<String[]> KINDS = List.of(
      new String[] {"anon", "#4e79a7", "anonymous"},
      new String[] {"file", "#f28e2b", "page cache"},
      new String[] {"kernel", "#e15759", "kernel"});
  private static final String AT = "atFullInFlight.";
  /** Whether {@code model}'s runs have a breakdown to draw. */
  public static boolean drawable(ModelSweep model) {
    return model.points().stream().anyMatch(p -> KINDS.stream()
        .anyMatch(k -> p.figures().containsKey(AT + k[0])));
  }

  @Override
  public void draw(Canvas c) {
    Style.title(c, title);
    List<Style.Entry> legend = new ArrayList<>();
    for (String[] k : KINDS) {
      legend.add(new Style.Entry(k[2], Style.box(k[1], 1)));
    }
    legend.add(new Style.Entry("total", Style.line(Stroke.solid(Style.TEXT, 2))));
    double top = Style.TITLE_HEIGHT + Style.legend(c, legend, 12, Style.TITLE_HEIGHT, width - 24) + 10;
    double bottom = height - BOTTOM;
    double yHi = 0;
    for (PointResult p : model.points()) {
      double sum = 0;
      for (String[] k : KINDS) {
        Estimate e = p.figures().get(AT + k[0]);
        sum += e == null ? 0 : e.median();
      }
      Estimate total = p.figures().get(AT + "total");
      yHi = Math.max(yHi, Math.max(sum, total == null ? 0 : total.median()) / MIB);
    }
    Scale y = Scale.nice(0, yHi, 5, bottom, top);
    for (double t : y.ticks()) {
      c.line(LEFT, y.px(t), width - 16, y.px(t), Stroke.solid(Style.GRID, 1));
      c.text(LEFT - 6, y.px(t) + 4, AxisFormat.plain(t), Style.SMALL, Anchor.END);
    }
    c.verticalText(14, (top + bottom) / 2, "MiB", Style.SMALL);
    int n = Math.max(1, model.points().size());
    double slot = (width - 16 - LEFT) / n;
    for (int i = 0; i < model.points().size(); i++) {
      PointResult p = model.points().get(i);
      double x0 = LEFT + slot * i + slot * 0.2;
      double w = slot * 0.6;
      double base = 0;
      for (String[] k : KINDS) {
        Estimate e = p.figures().get(AT + k[0]);
        if (e == null) {
          continue;
        }
        double v = e.median() / MIB;
        c.rect(x0, y.px(base + v), w, y.px(base) - y.px(base + v), k[1], 1,
            k[2] + " at " + AxisFormat.plain(p.value()) + ": " + Fmt.bytes(e.median())
                + " (median of " + e.n() + " runs)");
        base += v;
      }
      Estimate total = p.figures().get(AT + "total");
      if (total != null) {
        double ty = y.px(total.median() / MIB);
        c.line(x0 - 3, ty, x0 + w + 3, ty, Stroke.solid(Style.TEXT, 2));
      }
      c.text(x0 + w / 2, bottom + 15, AxisFormat.plain(p.value()), Style.SMALL, Anchor.MIDDLE);
    }
    c.text((LEFT + width - 16) / 2, bottom + 32, "requests in flight (one bar per sweep point)",
        Style.SMALL, Anchor.MIDDLE);
    c.line(LEFT, bottom, width - 16, bottom, Stroke.solid(Style.AXIS, 1));
  }
}
