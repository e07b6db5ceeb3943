package faremark.orchestrator.report.chart;

/** One chart: a fixed size, a title, and drawing code that works on any {@link Canvas}. */
public interface Chart {
  /** Element id in the HTML and file name of its PNG (without {@code .png}). */
  String id();

  String title();

  int width();

  int height();

  void draw(Canvas canvas);
}
