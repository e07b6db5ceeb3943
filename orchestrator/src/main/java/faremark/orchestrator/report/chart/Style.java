package faremark.orchestrator.report.chart;

import faremark.orchestrator.report.chart.Canvas.Anchor;
import faremark.orchestrator.report.chart.Canvas.Font;
import faremark.orchestrator.report.chart.Canvas.Stroke;
import java.util.List;

/** Colours, fonts and the pieces every chart shares (title, legend), so all charts look alike. */
final class Style {
  static final String TEXT = "#222222";
  static final String MUTED = "#666666";
  static final String GRID = "#e4e4e4";
  static final String AXIS = "#888888";
  static final Font TITLE = new Font(15, TEXT, true);
  static final Font LABEL = Font.plain(12, TEXT);
  static final Font SMALL = Font.plain(11, MUTED);
  static final double TITLE_HEIGHT = 30;

  private Style() {}

  static void title(Canvas c, String title) {
    c.text(12, 20, title, TITLE, Anchor.START);
  }

  /** A legend entry: a swatch drawn by {@code swatch} at (x, y-centre), then the label. */
  record Entry(String label, Swatch swatch) {}

  interface Swatch {
    void draw(Canvas c, double x, double cy);
  }

  static Swatch line(Stroke s) {
    return (c, x, cy) -> c.line(x, cy, x + 22, cy, s);
  }

  static Swatch box(String color, double opacity) {
    return (c, x, cy) -> c.rect(x + 4, cy - 6, 14, 12, color, opacity);
  }

  static Swatch dot(String color) {
    return (c, x, cy) -> c.circle(x + 11, cy, 4, color);
  }

  /** Lays entries out left to right, wrapping at {@code width}; returns the height used. */
  static double legend(Canvas c, List<Entry> entries, double x0, double y0, double width) {
    double x = x0;
    double y = y0 + 8;
    for (Entry e : entries) {
      double w = 28 + c.textWidth(e.label(), LABEL) + 18;
      if (x + w > x0 + width && x > x0) {
        x = x0;
        y += 20;
      }
      e.swatch().draw(c, x, y);
      c.text(x + 28, y + 4, e.label(), LABEL, Anchor.START);
      x += w;
    }
    return entries.isEmpty() ? 0 : y - y0 + 14;
  }

  /** Rough legend height before drawing, for charts that size themselves. */
  static double legendHeight(List<String> labels, double width) {
    double x = 0;
    int lines = labels.isEmpty() ? 0 : 1;
    for (String l : labels) {
      double w = 28 + l.length() * LABEL.size() * 0.62 + 18;
      if (x + w > width && x > 0) {
        lines++;
        x = 0;
      }
      x += w;
    }
    return lines * 20 + 2;
  }
}
