package faremark.orchestrator.report;

import faremark.contract.Json;
import faremark.orchestrator.output.AtomicFiles;
import faremark.orchestrator.report.data.ReportData;
import faremark.orchestrator.results.ExperimentData;
import faremark.orchestrator.results.ResultsException;
import faremark.orchestrator.results.ResultsFolder;
import faremark.orchestrator.results.ResultsLayout;
import faremark.orchestrator.results.ResultsReader;
import faremark.orchestrator.results.Summaries;
import faremark.orchestrator.results.Summary;
import faremark.orchestrator.results.sweep.SweepAnalysis;
import faremark.orchestrator.results.sweep.SweepAnalyzer;
import faremark.orchestrator.results.sweep.SweepCsv;
import faremark.orchestrator.results.sweep.SweepJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes every derived file of a results folder from its raw data alone: {@code summary.json},
 * {@code summary.csv}, {@code report-data.json}, {@code report.html} and the charts as PNG, and
 * where runs have a sweep point {@code sweep.json} and {@code sweep.csv}. The live runner and
 * {@code faremark report} both come here, so they cannot drift apart.
 */
public final class ReportWriter {
  /** What was written. {@code pngs} is empty when PNG export was not possible (see warnings). */
  public record Written(
      ExperimentData experiment, Summary summary, ReportData data, Path html, List<Path> pngs) {}

  private ReportWriter() {}

  /**
   * @param warnings where to say what could not be written without failing (PNG export on a
   *     machine without fonts)
   */
  public static Written write(Path dir, PrintStream warnings) throws ResultsException, IOException {
    return write(dir, ReportCharts.BUILT_IN, warnings);
  }

  /** As {@link #write(Path, PrintStream)}, with {@code charts} instead of the built-in ones. */
  public static Written write(Path dir, ChartRegistry charts, PrintStream warnings)
      throws ResultsException, IOException {
    ExperimentData data = ResultsReader.read(dir);
    Summary summary = Summaries.of(data);
    ResultsFolder.open(dir).writeSummary(summary);
    SweepAnalysis sweep = SweepAnalyzer.of(data).orElse(null);
    if (sweep != null) {
      AtomicFiles.writeString(dir.resolve(ResultsLayout.SWEEP_JSON), SweepJson.write(sweep));
      AtomicFiles.writeString(dir.resolve(ResultsLayout.SWEEP_CSV), SweepCsv.write(sweep));
    }
    ReportData report = ReportDataBuilder.build(data, summary, sweep);
    AtomicFiles.writeString(dir.resolve(ResultsLayout.REPORT_DATA), json(report));
    List<ChartRegistry.Placed> drawn = charts.charts(report);
    Path html = dir.resolve(ResultsLayout.REPORT_HTML);
    AtomicFiles.writeString(html, ReportHtml.render(report, drawn));
    return new Written(data, summary, report, html, ChartPngs.write(dir, drawn, warnings));
  }

  /** {@code report-data.json}: {@link ReportData} as JSON, pretty-printed, ending in a newline. */
  public static String json(ReportData report) throws IOException {
    return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n";
  }
}
