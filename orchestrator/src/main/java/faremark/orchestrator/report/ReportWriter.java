package faremark.orchestrator.report;

import faremark.contract.Json;
import faremark.orchestrator.report.chart.Chart;
import faremark.orchestrator.report.chart.Java2dCanvas;
import faremark.orchestrator.results.ResultsFolder;
import faremark.orchestrator.results.Summary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes every derived file of a results folder from its raw data alone: {@code summary.json},
 * {@code summary.csv}, {@code report-data.json}, {@code report.html} and the charts as PNG. The
 * live runner and {@code faremark report} both come here, so they cannot drift apart.
 */
public final class ReportWriter {
  /** What was written. {@code pngs} is empty when PNG export was not possible (see warnings). */
  public record Written(Summary summary, ReportData data, Path html, List<Path> pngs) {}

  private ReportWriter() {}

  /**
   * @param warnings where to say what could not be written without failing (PNG export on a
   *     machine without fonts)
   */
  public static Written write(Path dir, PrintStream warnings) throws ResultsException, IOException {
    ExperimentData data = ResultsReader.read(dir);
    Summary summary = Summaries.of(data);
    ResultsFolder.open(dir).writeSummary(summary);
    ReportData report = ReportDataBuilder.build(data, summary);
    Files.writeString(dir.resolve("report-data.json"), json(report), StandardCharsets.UTF_8);
    ReportCharts.Set charts = ReportCharts.of(report);
    Path html = dir.resolve("report.html");
    Files.writeString(html, ReportHtml.render(report, charts), StandardCharsets.UTF_8);
    return new Written(summary, report, html, pngs(dir, charts.main(), warnings));
  }

  public static String json(ReportData report) throws IOException {
    return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n";
  }

  static List<Path> pngs(Path dir, List<Chart> charts, PrintStream warnings) {
    List<Path> written = new ArrayList<>();
    for (Chart chart : charts) {
      Path file = dir.resolve(chart.id() + ".png");
      try {
        Java2dCanvas.writePng(chart, file);
        written.add(file);
      } catch (OutOfMemoryError | StackOverflowError e) {
        throw e;
      } catch (Exception | Error e) {
        // Java2D needs fonts (fontconfig) even headless; a machine without them still gets
        // report.html, which carries every chart as SVG.
        warnings.println("warning: PNG export of the charts skipped (" + e
            + "); report.html has every chart. On Debian: apt-get install fonts-dejavu-core");
        return List.of();
      }
    }
    return written;
  }
}
