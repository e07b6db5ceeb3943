package faremark.orchestrator.report.chart;

import faremark.orchestrator.report.chart.Canvas.Anchor;
import faremark.orchestrator.report.chart.Canvas.Stroke;
import faremark.orchestrator.report.data.Fmt;
import faremark.orchestrator.report.data.ReportData.ModelReport;
import faremark.orchestrator.results.Stat;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Request latency percentiles per model: four bars (p50, p90, p99, max), each the median over ok
 * runs with a whisker over the runs, in the model's colour from dark (p50) to light (max).
 */
public final class LatencyChart implements Chart {
  private record Percentile(String label, double opacity, Function<ModelReport, Stat> stat) {}

  private static final List<Percentile> PERCENTILES = List.of(
      new Percentile("p50", 1.0, ModelReport::latencyP50Ms),
      new Percentile("p90", 0.72, ModelReport::latencyP90Ms),
      new Percentile("p99", 0.48, ModelReport::latencyP99Ms),
      new Percentile("max", 0.28, ModelReport::latencyMaxMs));
  private static final double BAR = 12;
  private static final double GROUP = BAR * 4 + 14;
  private static final double BOTTOM = 40;
  private final List<ModelReport> models;
  private final int width;

  public LatencyChart(List<ModelReport> models, int width) {
    this.models = List.copyOf(models);
    this.width = width;
  }

  @Override
  public String id() {
    return "latency";
  }

  @Override
  public String title() {
    return "Request latency percentiles (median of ok runs, whisker: range over runs)";
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    return (int) (Style.TITLE_HEIGHT + 26 + GROUP * Math.max(1, models.size()) + BOTTOM);
  }

  @Override
  public void draw(Canvas c) {
    Style.title(c, "Request latency percentiles");
    List<Style.Entry> legend = new ArrayList<>();
    for (Percentile p : PERCENTILES) {
      legend.add(new Style.Entry(p.label(), Style.box(Style.MUTED, p.opacity())));
    }
    Style.legend(c, legend, 12, Style.TITLE_HEIGHT - 2, width - 24);
    double left = 16 + models.stream().mapToDouble(m -> c.textWidth(m.id(), Style.LABEL)).max().orElse(60);
    double right = width - 100;
    double top = Style.TITLE_HEIGHT + 26;
    double bottom = top + GROUP * Math.max(1, models.size());
    double hi = 0;
    for (ModelReport m : models) {
      for (Percentile p : PERCENTILES) {
        Stat s = p.stat().apply(m);
        hi = s == null ? hi : Math.max(hi, s.max());
      }
    }
    Scale x = Scale.nice(0, hi, 5, left, right);
    for (double t : x.ticks()) {
      c.line(x.px(t), top, x.px(t), bottom, Stroke.solid(Style.GRID, 1));
      c.text(x.px(t), bottom + 16, AxisFormat.ms(t, x.step()), Style.SMALL, Anchor.MIDDLE);
    }
    c.text((left + right) / 2, bottom + 33, "request latency", Style.SMALL, Anchor.MIDDLE);
    for (int i = 0; i < models.size(); i++) {
      ModelReport m = models.get(i);
      double gy = top + GROUP * i + 7;
      c.text(left - 8, gy + BAR * 2 + 4, m.id(), Style.LABEL, Anchor.END);
      if (m.latencyP50Ms() == null) {
        c.text(left + 6, gy + BAR * 2 + 4, "no ok run", Style.SMALL, Anchor.START);
        continue;
      }
      for (int k = 0; k < PERCENTILES.size(); k++) {
        Percentile p = PERCENTILES.get(k);
        Stat s = p.stat().apply(m);
        double y = gy + BAR * k;
        c.rect(left, y + 0.5, Math.max(1, x.px(s.median()) - left), BAR - 1, m.color(), p.opacity());
        if (s.n() > 1) {
          c.line(x.px(s.min()), y + BAR / 2, x.px(s.max()), y + BAR / 2, Stroke.solid(Style.TEXT, 1));
        }
        c.text(Math.max(x.px(s.max()), x.px(s.median())) + 5, y + BAR - 1,
            p.label() + " " + Fmt.ms(s.median()), new Canvas.Font(10, Style.MUTED, false), Anchor.START);
      }
    }
    c.line(left, top, left, bottom, Stroke.solid(Style.AXIS, 1));
  }
}
