package faremark.orchestrator.report.chart;

import java.util.List;
import java.util.Locale;

/** Draws into an inline {@code <svg>} element: no external fonts, scripts or styles. */
public final class SvgCanvas implements Canvas {
  static final String FONT_FAMILY = "'DejaVu Sans', Verdana, Arial, sans-serif";
  private final StringBuilder svg = new StringBuilder();
  private final int width;
  private final int height;

  public SvgCanvas(int width, int height) {
    this.width = width;
    this.height = height;
  }

  /** Renders {@code chart} as one {@code <svg>} element with its title for screen readers. */
  public static String render(Chart chart) {
    SvgCanvas c = new SvgCanvas(chart.width(), chart.height());
    chart.draw(c);
    return c.toSvg(chart.id(), chart.title());
  }

  public String toSvg(String id, String title) {
    return "<svg id=\"" + esc(id) + "\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\""
        + " viewBox=\"0 0 " + width + " " + height + "\" width=\"" + width + "\" height=\"" + height
        + "\" role=\"img\" aria-label=\"" + esc(title) + "\" font-family=\"" + FONT_FAMILY + "\">"
        + "<title>" + esc(title) + "</title>"
        + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>"
        + svg + "</svg>";
  }

  @Override
  public void line(double x1, double y1, double x2, double y2, Stroke s) {
    svg.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1))
        .append("\" x2=\"").append(n(x2)).append("\" y2=\"").append(n(y2)).append('"')
        .append(stroke(s)).append("/>");
  }

  @Override
  public void polyline(List<double[]> points, Stroke s) {
    if (points.isEmpty()) {
      return;
    }
    svg.append("<polyline fill=\"none\" stroke-linejoin=\"round\" points=\"");
    for (double[] p : points) {
      svg.append(n(p[0])).append(',').append(n(p[1])).append(' ');
    }
    svg.setLength(svg.length() - 1);
    svg.append('"').append(stroke(s)).append("/>");
  }

  @Override
  public void polyline(List<double[]> points, Stroke s, String tooltip) {
    polyline(points, s);
    withTitle(tooltip);
  }

  @Override
  public void rect(double x, double y, double w, double h, String fill, double opacity, String tooltip) {
    rect(x, y, w, h, fill, opacity);
    withTitle(tooltip);
  }

  /** Turns the element just written ({@code <x .../>}) into {@code <x ...><title>..</title></x>}. */
  private void withTitle(String tooltip) {
    int end = svg.length() - 2;
    if (tooltip == null || end < 0 || !svg.substring(end).equals("/>")) {
      return;
    }
    int open = svg.lastIndexOf("<", end);
    String tag = svg.substring(open + 1, svg.indexOf(" ", open));
    svg.setLength(end);
    svg.append("><title>").append(esc(tooltip)).append("</title></").append(tag).append('>');
  }

  @Override
  public void rect(double x, double y, double w, double h, String fill, double opacity) {
    svg.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y))
        .append("\" width=\"").append(n(w)).append("\" height=\"").append(n(h))
        .append("\" fill=\"").append(fill).append('"');
    if (opacity < 1) {
      svg.append(" fill-opacity=\"").append(n(opacity)).append('"');
    }
    svg.append("/>");
  }

  @Override
  public void circle(double cx, double cy, double r, String fill) {
    svg.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy))
        .append("\" r=\"").append(n(r)).append("\" fill=\"").append(fill)
        .append("\" stroke=\"#ffffff\" stroke-width=\"1\"/>");
  }

  @Override
  public void text(double x, double y, String text, Font f, Anchor anchor) {
    svg.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append('"')
        .append(font(f));
    if (anchor != Anchor.START) {
      svg.append(" text-anchor=\"").append(anchor == Anchor.MIDDLE ? "middle" : "end").append('"');
    }
    svg.append('>').append(esc(text)).append("</text>");
  }

  @Override
  public void verticalText(double x, double y, String text, Font f) {
    svg.append("<text transform=\"translate(").append(n(x)).append(' ').append(n(y))
        .append(") rotate(-90)\" text-anchor=\"middle\"").append(font(f)).append('>')
        .append(esc(text)).append("</text>");
  }

  private static String font(Font f) {
    return " font-size=\"" + n(f.size()) + "\" fill=\"" + f.color() + "\""
        + (f.bold() ? " font-weight=\"bold\"" : "");
  }

  private static String stroke(Stroke s) {
    StringBuilder b = new StringBuilder(" stroke=\"").append(s.color())
        .append("\" stroke-width=\"").append(n(s.width())).append('"');
    if (s.opacity() < 1) {
      b.append(" stroke-opacity=\"").append(n(s.opacity())).append('"');
    }
    if (s.dash() > 0) {
      b.append(" stroke-dasharray=\"").append(n(s.dash())).append(' ').append(n(s.dash() * 0.7)).append('"');
    }
    return b.toString();
  }

  static String n(double v) {
    if (v == Math.rint(v)) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /**
   * Text for HTML and SVG, content or attribute: markup characters escaped, and control
   * characters (which XML forbids, and which only a terminal would act on) shown as U+FFFD. Attributes
   * are always written in double quotes, so a single quote needs no escape.
   */
  public static String esc(String s) {
    return CONTROL.matcher(s).replaceAll("\uFFFD")
        .replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static final java.util.regex.Pattern CONTROL =
      java.util.regex.Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F]");
}
