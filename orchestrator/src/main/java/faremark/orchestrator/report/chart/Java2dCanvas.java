package faremark.orchestrator.report.chart;

import faremark.orchestrator.output.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws with Java2D into an image for PNG export, at twice the chart's size so it stays sharp
 * in READMEs and issue threads. Needs no display ({@code java.awt.headless}), but does need a
 * font: callers treat a failure here as a warning, never as a failed run.
 */
public final class Java2dCanvas implements Canvas {
  private static final int SCALE = 2;
  private final Graphics2D g;

  private Java2dCanvas(Graphics2D g) {
    this.g = g;
  }

  /** Renders {@code chart} to {@code file} as PNG. */
  public static void writePng(Chart chart, Path file) throws IOException {
    // Headless before any AWT class initialises the graphics environment: faremark never has a
    // window, and a CI machine has no display.
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = new BufferedImage(
        chart.width() * SCALE, chart.height() * SCALE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.scale(SCALE, SCALE);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, chart.width(), chart.height());
      chart.draw(new Java2dCanvas(g));
    } finally {
      g.dispose();
    }
    AtomicFiles.write(file, out -> {
      if (!ImageIO.write(image, "png", out)) {
        throw new IOException("no PNG writer in this Java runtime");
      }
    });
  }

  @Override
  public void line(double x1, double y1, double x2, double y2, Stroke s) {
    apply(s);
    g.draw(new Line2D.Double(x1, y1, x2, y2));
  }

  @Override
  public void polyline(List<double[]> points, Stroke s) {
    if (points.isEmpty()) {
      return;
    }
    Path2D.Double path = new Path2D.Double();
    path.moveTo(points.get(0)[0], points.get(0)[1]);
    for (int i = 1; i < points.size(); i++) {
      path.lineTo(points.get(i)[0], points.get(i)[1]);
    }
    apply(s);
    g.draw(path);
  }

  @Override
  public void rect(double x, double y, double w, double h, String fill, double opacity) {
    g.setColor(color(fill, opacity));
    g.fill(new Rectangle2D.Double(x, y, w, h));
  }

  @Override
  public void circle(double cx, double cy, double r, String fill) {
    g.setColor(color(fill, 1));
    g.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
    g.setColor(Color.WHITE);
    g.setStroke(new BasicStroke(1f));
    g.draw(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
  }

  @Override
  public void text(double x, double y, String text, Font f, Anchor anchor) {
    java.awt.Font font = awtFont(f);
    g.setFont(font);
    g.setColor(color(f.color(), 1));
    double w = g.getFontMetrics(font).stringWidth(text);
    double dx = switch (anchor) {
      case START -> 0;
      case MIDDLE -> -w / 2;
      case END -> -w;
    };
    g.drawString(text, (float) (x + dx), (float) y);
  }

  @Override
  public void verticalText(double x, double y, String text, Font f) {
    AffineTransform saved = g.getTransform();
    g.translate(x, y);
    g.rotate(-Math.PI / 2);
    text(0, 0, text, f, Anchor.MIDDLE);
    g.setTransform(saved);
  }

  @Override
  public double textWidth(String text, Font f) {
    return g.getFontMetrics(awtFont(f)).stringWidth(text);
  }

  private void apply(Stroke s) {
    g.setColor(color(s.color(), s.opacity()));
    g.setStroke(s.dash() > 0
        ? new BasicStroke((float) s.width(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {(float) s.dash(), (float) (s.dash() * 0.7)}, 0f)
        : new BasicStroke((float) s.width(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
  }

  private static java.awt.Font awtFont(Font f) {
    // DejaVu Sans where installed (Debian: fonts-dejavu-core), else Java's logical sans font.
    return new java.awt.Font("DejaVu Sans", f.bold() ? java.awt.Font.BOLD : java.awt.Font.PLAIN, 1)
        .deriveFont((float) f.size());
  }

  static Color color(String hex, double opacity) {
    int rgb = Integer.parseInt(hex.substring(1), 16);
    return new Color((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff,
        (int) Math.round(Math.max(0, Math.min(1, opacity)) * 255));
  }
}
