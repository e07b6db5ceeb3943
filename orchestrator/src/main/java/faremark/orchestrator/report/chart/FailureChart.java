package faremark.orchestrator.report.chart;

import faremark.orchestrator.report.chart.Canvas.Anchor;
import faremark.orchestrator.report.chart.Canvas.Stroke;
import faremark.orchestrator.report.data.ReportData.ModelReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Requests failed, by cause, summed over each model's runs (stacked bars), and beside each bar
 * the runs that were not ok, by outcome: the part of an experiment a median never shows. Requests
 * the HTTP client re-sent on its own are a last, pale segment of the bar: the workload never saw
 * them fail, but the server saw the trouble, and without them a Java model (whose client re-sends
 * silently) looks more robust than a Python one that counts every failure.
 */
public final class FailureChart implements Chart {
  private static final String[] CAUSE_COLORS = {
    "#d62728", "#ff9896", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#9467bd"
  };
  private static final double ROW = 30;
  private static final double BOTTOM = 40;
  static final String RESENT_COLOR = "#6a5acd";
  static final String RESENT_LABEL = "re-sent by the HTTP client on its own (the workload never saw these fail)";
  private final List<ModelReport> models;
  private final List<String> causes;
  private final int width;

  public FailureChart(List<ModelReport> models, int width) {
    this.models = List.copyOf(models);
    TreeSet<String> c = new TreeSet<>();
    models.forEach(m -> c.addAll(m.failedRequests().keySet()));
    this.causes = List.copyOf(c);
    this.width = width;
  }

  @Override
  public String id() {
    return "failures";
  }

  @Override
  public String title() {
    return "Requests failed by cause, and runs not ok";
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    return (int) (Style.TITLE_HEIGHT + 26 + ROW * Math.max(1, models.size()) + BOTTOM);
  }

  /** A cause's colour: fixed by its place in the sorted list of causes of this report. */
  String causeColor(String cause) {
    return CAUSE_COLORS[causes.indexOf(cause) % CAUSE_COLORS.length];
  }

  @Override
  public void draw(Canvas c) {
    Style.title(c, title());
    List<Style.Entry> legend = new ArrayList<>();
    for (String cause : causes) {
      legend.add(new Style.Entry(cause, Style.box(causeColor(cause), 1)));
    }
    boolean anyResent = models.stream().anyMatch(m -> resent(m) > 0);
    if (anyResent) {
      legend.add(new Style.Entry(RESENT_LABEL, Style.box(RESENT_COLOR, 0.35)));
    }
    if (causes.isEmpty() && !anyResent) {
      c.text(12, Style.TITLE_HEIGHT + 12, "No request failed in any run.", Style.LABEL, Anchor.START);
    } else {
      Style.legend(c, legend, 12, Style.TITLE_HEIGHT - 2, width - 24);
    }
    double left = 16 + models.stream().mapToDouble(m -> c.textWidth(m.id(), Style.LABEL)).max().orElse(60);
    // the bars end early enough for their count label to stay clear of the outcome column
    double labels = models.stream().mapToDouble(m -> c.textWidth(count(m), Style.SMALL)).max().orElse(0);
    double right = width - 370 - Math.max(0, labels - 14);
    double top = Style.TITLE_HEIGHT + 26;
    double bottom = top + ROW * Math.max(1, models.size());
    long most = models.stream().mapToLong(m -> total(m) + resent(m)).max().orElse(0);
    Scale x = Scale.nice(0, Math.max(most, 1), 4, left, right);
    for (double t : x.ticks()) {
      c.line(x.px(t), top, x.px(t), bottom, Stroke.solid(Style.GRID, 1));
      c.text(x.px(t), bottom + 16, AxisFormat.plain(t), Style.SMALL, Anchor.MIDDLE);
    }
    c.text((left + right) / 2, bottom + 33, anyResent
        ? "requests failed, + re-sent by the client on its own; all runs of the model"
        : "failed requests, all runs of the model", Style.SMALL, Anchor.MIDDLE);
    for (int i = 0; i < models.size(); i++) {
      ModelReport m = models.get(i);
      double cy = top + ROW * i + ROW / 2;
      c.text(left - 8, cy + 4, m.id(), Style.LABEL, Anchor.END);
      double at = 0;
      for (Map.Entry<String, Integer> e : new TreeMap<>(m.failedRequests()).entrySet()) {
        c.rect(x.px(at), cy - 9, x.px(at + e.getValue()) - x.px(at), 18, causeColor(e.getKey()), 1);
        at += e.getValue();
      }
      long resent = resent(m);
      if (resent > 0) {
        c.rect(x.px(at), cy - 9, x.px(at + resent) - x.px(at), 18, RESENT_COLOR, 0.35,
            m.id() + ": the HTTP client re-sent " + resent + " requests on its own");
        at += resent;
      }
      c.text(x.px(at) + 6, cy + 4, count(m), Style.SMALL, Anchor.START);
      c.text(right + 24, cy + 4, notOk(m), new Canvas.Font(11, m.ok() == m.runs() ? Style.MUTED : "#b00020",
          m.ok() != m.runs()), Anchor.START);
    }
    c.line(left, top, left, bottom, Stroke.solid(Style.AXIS, 1));
  }

  static int total(ModelReport m) {
    return m.failedRequests().values().stream().mapToInt(Integer::intValue).sum();
  }

  static long resent(ModelReport m) {
    return m.unrequestedResends() == null ? 0 : m.unrequestedResends();
  }

  /** "5", or "5 + 9 re-sent" when the client re-sent some on its own. */
  private static String count(ModelReport m) {
    return total(m) + (resent(m) > 0 ? " + " + resent(m) + " re-sent" : "");
  }

  private static String notOk(ModelReport m) {
    if (m.ok() == m.runs()) {
      return "all " + m.runs() + " runs ok";
    }
    StringBuilder b = new StringBuilder();
    m.outcomes().forEach((outcome, n) -> {
      if (!outcome.equals("ok")) {
        b.append(b.isEmpty() ? "" : ", ").append(n).append(' ').append(outcome);
      }
    });
    return (m.runs() - m.ok()) + " of " + m.runs() + " runs not ok: " + b;
  }
}
