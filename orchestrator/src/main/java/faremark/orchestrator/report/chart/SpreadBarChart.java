package faremark.orchestrator.report.chart;

import faremark.orchestrator.report.chart.Canvas.Anchor;
import faremark.orchestrator.report.chart.Canvas.Stroke;
import faremark.orchestrator.results.Stat;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * One horizontal bar per model: the median over ok runs, with a whisker from the lowest to the
 * highest ok run, and the numbers written beside it. A model without an ok run gets no bar, only
 * the words saying so.
 */
public final class SpreadBarChart implements Chart {
  /** One model's bar; {@code stat} null without an ok run, {@code note} says why then. */
  public record Bar(String model, String color, Stat stat, String note) {}

  private static final double ROW = 30;
  private static final double BOTTOM = 40;
  private final String id;
  private final String title;
  private final String axisTitle;
  private final List<Bar> bars;
  private final DoubleFunction<String> format;
  private final java.util.function.DoubleUnaryOperator divisor;
  private final boolean timeAxis;
  private final int width;

  /**
   * @param format how a value is written beside its bar
   * @param timeAxis tick labels in ms / s rather than plain numbers
   */
  public SpreadBarChart(String id, String title, String axisTitle, List<Bar> bars,
      DoubleFunction<String> format, boolean timeAxis, int width) {
    this.id = id;
    this.title = title;
    this.axisTitle = axisTitle;
    this.bars = List.copyOf(bars);
    this.format = format;
    // the range beside a bar is written in the unit of its median: 29.7 s (29.6–29.8)
    this.divisor = timeAxis ? v -> Math.abs(v) >= 1000 ? 1000 : 1 : v -> 1;
    this.timeAxis = timeAxis;
    this.width = width;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String title() {
    return title;
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    return (int) (Style.TITLE_HEIGHT + 10 + ROW * Math.max(1, bars.size()) + BOTTOM);
  }

  @Override
  public void draw(Canvas c) {
    Style.title(c, title);
    double left = 16 + bars.stream().mapToDouble(b -> c.textWidth(b.model(), Style.LABEL)).max().orElse(60);
    double right = width - 150;
    double top = Style.TITLE_HEIGHT + 10;
    double bottom = top + ROW * Math.max(1, bars.size());
    double lo = 0;
    double hi = 0;
    for (Bar b : bars) {
      if (b.stat() != null) {
        lo = Math.min(lo, b.stat().min());
        hi = Math.max(hi, b.stat().max());
      }
    }
    Scale x = Scale.nice(lo, hi, 4, left, right);
    for (double t : x.ticks()) {
      c.line(x.px(t), top, x.px(t), bottom, Stroke.solid(Style.GRID, 1));
      c.text(x.px(t), bottom + 16, timeAxis ? AxisFormat.ms(t, x.step()) : AxisFormat.plain(t),
          Style.SMALL, Anchor.MIDDLE);
    }
    c.text((left + right) / 2, bottom + 33, axisTitle, Style.SMALL, Anchor.MIDDLE);
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      double cy = top + ROW * i + ROW / 2;
      c.text(left - 8, cy + 4, b.model(), Style.LABEL, Anchor.END);
      if (b.stat() == null) {
        c.text(x.px(0) + 6, cy + 4, b.note(), Style.SMALL, Anchor.START);
        continue;
      }
      Stat s = b.stat();
      double x0 = x.px(Math.min(0, s.median()));
      double x1 = x.px(Math.max(0, s.median()));
      double unit = divisor.applyAsDouble(s.median());
      String label = format.apply(s.median());
      c.rect(x0, cy - 9, Math.max(1, x1 - x0), 18, b.color(), 1, b.model() + ": median " + label
          + " over " + s.n() + " ok run" + (s.n() == 1 ? "" : "s") + ", lowest " + format.apply(s.min())
          + ", highest " + format.apply(s.max()));
      if (s.n() > 1) {
        Stroke whisker = Stroke.solid(Style.TEXT, 1.3);
        c.line(x.px(s.min()), cy, x.px(s.max()), cy, whisker);
        c.line(x.px(s.min()), cy - 5, x.px(s.min()), cy + 5, whisker);
        c.line(x.px(s.max()), cy - 5, x.px(s.max()), cy + 5, whisker);
        label += " (" + AxisFormat.plain(Math.round(s.min() / unit * 10) / 10.0) + "–"
            + AxisFormat.plain(Math.round(s.max() / unit * 10) / 10.0) + ")";
      } else {
        label += "  (1 run)";
      }
      c.text(Math.max(x.px(s.max()), x1) + 6, cy + 4, label, Style.SMALL, Anchor.START);
    }
    c.line(x.px(0), top, x.px(0), bottom, Stroke.solid(Style.AXIS, 1));
  }
}
