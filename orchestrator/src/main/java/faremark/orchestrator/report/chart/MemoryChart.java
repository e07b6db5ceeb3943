package faremark.orchestrator.report.chart;

import faremark.orchestrator.report.chart.Canvas.Anchor;
import faremark.orchestrator.report.chart.Canvas.Stroke;
import faremark.orchestrator.report.data.ReportData.ModelReport;
import faremark.orchestrator.report.data.ReportData.RunReport;
import faremark.orchestrator.report.data.ReportData;
import java.util.ArrayList;
import java.util.List;

/**
 * Memory over time, the article's chart: one line per run, x in ms since the run's {@code ready}
 * event (negative = runtime start-up), y in MiB. Each model's median run is solid, its other ok
 * runs faint; runs that were not ok are dashed and labelled with their outcome, never drawn as a
 * median. The {@code ready} line is at 0; dots mark {@code done}.
 */
public final class MemoryChart implements Chart {
  private static final double LEFT = 70;
  private static final double RIGHT = 24;
  private static final double BOTTOM = 44;
  private static final String OTHERS = "other ok runs";
  private static final String NOT_OK = "run not ok";
  private static final String DONE = "done";
  private final String id;
  private final String title;
  private final List<ModelReport> models;
  private final List<RunReport> runs;
  private final double yMax;
  private final int width;
  private final int height;
  private final double legendHeight;

  /**
   * @param models the models drawn, in legend order
   * @param yMaxMiB the top of the y axis
   */
  public MemoryChart(
      String id, String title, ReportData data, List<ModelReport> models, double yMaxMiB,
      int width, int height) {
    this.id = id;
    this.title = title;
    this.models = List.copyOf(models);
    List<String> ids = models.stream().map(ModelReport::id).toList();
    this.runs = data.runs().stream().filter(r -> ids.contains(r.model()) && !r.series().isEmpty()).toList();
    this.yMax = yMaxMiB;
    this.width = width;
    this.legendHeight = Style.legendHeight(legendLabels(), width - 24);
    this.height = (int) Math.round(height + legendHeight);
  }

  /** The highest point of any series: the shared y scale's data maximum. */
  public static double maxMiB(ReportData data) {
    return maxMiB(data, null);
  }

  /** The highest point of {@code model}'s series, or of every series when it is null. */
  public static double maxMiB(ReportData data, String model) {
    double max = 1;
    for (RunReport r : data.runs()) {
      if (model != null && !model.equals(r.model())) {
        continue;
      }
      for (double[] p : r.series()) {
        max = Math.max(max, p[1]);
      }
    }
    return max;
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
    return height;
  }

  @Override
  public void draw(Canvas c) {
    Style.title(c, title);
    Style.legend(c, legend(), 12, Style.TITLE_HEIGHT, width - 24);
    double top = Style.TITLE_HEIGHT + legendHeight + 10;
    double bottom = height - BOTTOM;
    if (runs.isEmpty()) {
      c.text(width / 2.0, (top + bottom) / 2, "no memory samples", Style.LABEL, Anchor.MIDDLE);
      return;
    }
    double xMin = 0;
    double xMax = 0;
    for (RunReport r : runs) {
      for (double[] p : r.series()) {
        xMin = Math.min(xMin, p[0]);
        xMax = Math.max(xMax, p[0]);
      }
    }
    // about one tick per 110 px, so labels like "-1250 ms" never collide on narrow charts
    Scale x = Scale.nice(xMin, xMax, Math.max(3, (int) ((width - LEFT - RIGHT) / 110)), LEFT, width - RIGHT);
    Scale y = Scale.nice(0, yMax, 5, bottom, top);
    for (double t : y.ticks()) {
      c.line(LEFT, y.px(t), width - RIGHT, y.px(t), Stroke.solid(Style.GRID, 1));
      c.text(LEFT - 6, y.px(t) + 4, AxisFormat.plain(t), Style.SMALL, Anchor.END);
    }
    for (double t : x.ticks()) {
      c.line(x.px(t), bottom, x.px(t), bottom + 4, Stroke.solid(Style.AXIS, 1));
      c.text(x.px(t), bottom + 17, AxisFormat.ms(t, x.step()), Style.SMALL, Anchor.MIDDLE);
    }
    c.line(LEFT, bottom, width - RIGHT, bottom, Stroke.solid(Style.AXIS, 1));
    c.verticalText(18, (top + bottom) / 2, "memory (MiB)", Style.SMALL);
    c.text((LEFT + width - RIGHT) / 2, height - 8, "time since the run's ready event", Style.SMALL,
        Anchor.MIDDLE);
    // ready: every series is aligned on it
    c.line(x.px(0), top, x.px(0), bottom, new Stroke(Style.MUTED, 1, 1, 4));
    c.text(x.px(0) + 4, top + 11, "ready", Style.SMALL, Anchor.START);

    for (RunReport r : runs) {
      if (r.outcome().equals("ok") && !r.median()) {
        c.polyline(points(r, x, y), new Stroke(color(r), 1.2, 0.35, 0), tooltip(r));
      }
    }
    List<double[]> placed = new ArrayList<>();
    for (RunReport r : runs) {
      if (!r.outcome().equals("ok")) {
        List<double[]> pts = points(r, x, y);
        c.polyline(pts, new Stroke(color(r), 1.5, 0.9, 5), tooltip(r));
        double[] end = pts.get(pts.size() - 1);
        String label = "× " + (models.size() > 1 ? r.model() + " " : "") + r.outcome()
            + " (#" + r.repetition() + ")";
        double lx = Math.min(end[0] + 4, width - RIGHT - 4);
        double ly = labelY(placed, lx, end[1] - 5, top + 12);
        placed.add(new double[] {lx, ly});
        c.text(lx, ly, label, new Canvas.Font(11, color(r), false),
            end[0] > width - RIGHT - 220 ? Anchor.END : Anchor.START);
      }
    }
    for (RunReport r : runs) {
      if (r.median()) {
        c.polyline(points(r, x, y), Stroke.solid(color(r), 2.4), tooltip(r));
      }
    }
    for (RunReport r : runs) {
      if ((r.median() || !r.outcome().equals("ok")) && r.doneMs() != null) {
        c.circle(x.px(r.doneMs()), y.px(valueAt(r, r.doneMs())), 4.5, color(r));
      }
    }
  }

  /** Only what the chart shows: no "run not ok" entry when every run was ok. */
  private List<Style.Entry> legend() {
    List<Style.Entry> e = new ArrayList<>();
    for (ModelReport m : models) {
      e.add(new Style.Entry(modelLabel(m), Style.line(Stroke.solid(m.color(), 3))));
    }
    if (runs.stream().anyMatch(r -> r.outcome().equals("ok") && !r.median())) {
      e.add(new Style.Entry(OTHERS, Style.line(new Stroke(Style.MUTED, 1.2, 0.45, 0))));
    }
    if (runs.stream().anyMatch(r -> !r.outcome().equals("ok"))) {
      e.add(new Style.Entry(NOT_OK, Style.line(new Stroke(Style.MUTED, 1.5, 0.9, 5))));
    }
    e.add(new Style.Entry(DONE, Style.dot(Style.MUTED)));
    return e;
  }

  private List<String> legendLabels() {
    return legend().stream().map(Style.Entry::label).toList();
  }

  private static String modelLabel(ModelReport m) {
    return m.id() + (m.ok() == 0 ? " (no ok run)" : " (median of " + m.ok() + ")");
  }

  private String color(RunReport r) {
    return models.stream().filter(m -> m.id().equals(r.model())).findFirst()
        .map(ModelReport::color).orElse(Style.MUTED);
  }

  private static List<double[]> points(RunReport r, Scale x, Scale y) {
    List<double[]> pts = new ArrayList<>(r.series().size());
    for (double[] p : r.series()) {
      pts.add(new double[] {x.px(p[0]), y.px(p[1])});
    }
    return pts;
  }

  private static String tooltip(RunReport r) {
    return r.model() + " #" + r.repetition() + (r.median() ? " (median)" : "") + ": " + r.outcome()
        + (r.peakMiB() == null ? "" : ", peak " + faremark.orchestrator.report.data.Fmt.mib(r.peakMiB()))
        + (r.requestPhaseMs() == null ? "" : ", request phase "
            + faremark.orchestrator.report.data.Fmt.ms(r.requestPhaseMs()))
        + " (" + r.runId() + ")";
  }

  /** Moves a label up until it no longer overlaps one already placed near it. */
  private static double labelY(List<double[]> placed, double x, double y, double top) {
    boolean moved = true;
    while (moved && y > top) {
      moved = false;
      for (double[] p : placed) {
        if (Math.abs(p[0] - x) < 230 && Math.abs(p[1] - y) < 13) {
          y = p[1] - 13;
          moved = true;
        }
      }
    }
    return y;
  }

  /** Memory at {@code t}: the last point at or before it (a sample holds until the next). */
  static double valueAt(RunReport r, double t) {
    double v = r.series().get(0)[1];
    for (double[] p : r.series()) {
      if (p[0] > t) {
        break;
      }
      v = p[1];
    }
    return v;
  }
}
