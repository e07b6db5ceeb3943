package faremark.orchestrator.report.chart;

import java.util.List;

/**
 * What a chart draws on: the few primitives every chart needs, implemented once for SVG (inline
 * in the HTML) and once for Java2D (PNG), so both come from the same drawing code. Coordinates
 * in pixels from the top left; colours {@code #rrggbb}.
 */
public interface Canvas {
  enum Anchor {
    START, MIDDLE, END
  }

  /**
   * @param opacity 0..1
   * @param dash dash length in pixels, 0 for a solid line
   */
  record Stroke(String color, double width, double opacity, double dash) {
    public static Stroke solid(String color, double width) {
      return new Stroke(color, width, 1, 0);
    }
  }

  record Font(double size, String color, boolean bold) {
    public static Font plain(double size, String color) {
      return new Font(size, color, false);
    }
  }

  void line(double x1, double y1, double x2, double y2, Stroke stroke);

  void polyline(List<double[]> points, Stroke stroke);

  /** A line with a hover text where the canvas has hover (SVG's native tooltip); else plain. */
  default void polyline(List<double[]> points, Stroke stroke, String tooltip) {
    polyline(points, stroke);
  }

  void rect(double x, double y, double w, double h, String fill, double opacity);

  /** A rectangle with a hover text where the canvas has hover; else plain. */
  default void rect(double x, double y, double w, double h, String fill, double opacity, String tooltip) {
    rect(x, y, w, h, fill, opacity);
  }

  void circle(double cx, double cy, double r, String fill);

  void text(double x, double y, String text, Font font, Anchor anchor);

  /** Text rotated 90° counter-clockwise around (x, y), for vertical axis titles. */
  void verticalText(double x, double y, String text, Font font);

  /** Width of {@code text} in pixels, for layout; an estimate where the canvas cannot measure. */
  default double textWidth(String text, Font font) {
    return text.length() * font.size() * 0.58;
  }
}
