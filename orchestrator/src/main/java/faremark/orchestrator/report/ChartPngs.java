package faremark.orchestrator.report;

import faremark.orchestrator.report.chart.Chart;
import faremark.orchestrator.report.chart.Java2dCanvas;
import faremark.orchestrator.results.ResultsLayout;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The charts as PNG beside {@code report.html}, for READMEs and issue threads: every chart whose
 * {@link ChartRegistry.Placement} is exported, named by {@link ResultsLayout#chartPng}.
 */
public final class ChartPngs {
  private ChartPngs() {}

  /**
   * @return the files written, in page order; empty when PNG export was not possible here (said
   *     on {@code warnings}: report.html has every chart regardless)
   */
  public static List<Path> write(Path dir, List<ChartRegistry.Placed> charts, PrintStream warnings) {
    return writeEach(dir, charts.stream().filter(p -> p.placement().png()).map(ChartRegistry.Placed::chart)
        .toList(), warnings);
  }

  /** Stops at the first chart that cannot be drawn: the others would fail the same way. */
  private static List<Path> writeEach(Path dir, List<Chart> charts, PrintStream warnings) {
    List<Path> written = new ArrayList<>();
    for (Chart chart : charts) {
      Path file = dir.resolve(ResultsLayout.chartPng(chart.id()));
      try {
        Java2dCanvas.writePng(chart, file);
        written.add(file);
      } catch (OutOfMemoryError | StackOverflowError e) {
        throw e;
      } catch (Exception | Error e) {
        // Java2D needs fonts (fontconfig) even headless; a machine without them still gets
        // report.html, which carries every chart as SVG.
        warnings.println("warning: PNG export of the charts skipped (" + e
            + "); " + ResultsLayout.REPORT_HTML + " has every chart. On Debian: apt-get install"
            + " fonts-dejavu-core");
        return List.of();
      }
    }
    return written;
  }
}
