package faremark.orchestrator.report.chart;

import faremark.orchestrator.report.chart.Canvas.Anchor;
import faremark.orchestrator.report.chart.Canvas.Stroke;
import faremark.orchestrator.report.data.ReportData.ModelReport;
import java.util.List;

/**
 * The worked example of docs/extending.md, "Add a chart": the share of each model's runs that
 * were ok, one bar per model in its colour. It lives in test sources only, where ChartRecipeTest
 * registers it with the one line the recipe adds to ReportCharts.
 */
public final class OkRunsChart implements Chart {
  private static final double ROW = 30;
  private static final double BOTTOM = 40;
  private final List<ModelReport> models;
  private final int width;

  public OkRunsChart(List<ModelReport> models, int width) {
    this.models = List.copyOf(models);
    this.width = width;
  }

  @Override
  public String id() {
    return "ok-runs";
  }

  @Override
  public String title() {
    return "Runs ok, per model";
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    return (int) (Style.TITLE_HEIGHT + 10 + ROW * Math.max(1, models.size()) + BOTTOM);
  }

  @Override
  public void draw(Canvas c) {
    Style.title(c, title());
    double left = 16 + models.stream().mapToDouble(m -> c.textWidth(m.id(), Style.LABEL)).max().orElse(60);
    double right = width - 90;
    double top = Style.TITLE_HEIGHT + 10;
    double bottom = top + ROW * Math.max(1, models.size());
    Scale x = Scale.nice(0, 100, 4, left, right);
    for (double t : x.ticks()) {
      c.line(x.px(t), top, x.px(t), bottom, Stroke.solid(Style.GRID, 1));
      c.text(x.px(t), bottom + 16, AxisFormat.plain(t) + " %", Style.SMALL, Anchor.MIDDLE);
    }
    c.text((left + right) / 2, bottom + 33, "runs ok, of all runs of the model", Style.SMALL, Anchor.MIDDLE);
    for (int i = 0; i < models.size(); i++) {
      ModelReport m = models.get(i);
      double cy = top + ROW * i + ROW / 2;
      double share = m.runs() == 0 ? 0 : 100.0 * m.ok() / m.runs();
      c.text(left - 8, cy + 4, m.id(), Style.LABEL, Anchor.END);
      c.rect(left, cy - 9, Math.max(1, x.px(share) - left), 18, m.color(), 1,
          m.id() + ": " + m.ok() + " of " + m.runs() + " runs ok");
      c.text(x.px(share) + 6, cy + 4, m.ok() + " of " + m.runs(), Style.SMALL, Anchor.START);
    }
    c.line(left, top, left, bottom, Stroke.solid(Style.AXIS, 1));
  }
}
