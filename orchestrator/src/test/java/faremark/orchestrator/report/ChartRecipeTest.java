package faremark.orchestrator.report;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.report.chart.OkRunsChart;
import faremark.orchestrator.report.chart.SvgCanvas;
import faremark.orchestrator.results.Golden;
import faremark.orchestrator.results.ResultsFixture;
import faremark.orchestrator.results.ResultsLayout;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/extending.md, "Add a chart", followed in test sources: a chart class ({@link OkRunsChart})
 * and the one line the recipe adds to {@link ReportCharts#BUILT_IN} give a chart that is drawn in
 * report.html and written as a PNG, with nothing else to touch and nothing else changed.
 */
class ChartRecipeTest {
  /** The recipe's registration line, applied to the built-in registry. */
  static final ChartRegistry WITH_OK_RUNS =
      ReportCharts.BUILT_IN.tile(d -> new OkRunsChart(d.models(), ReportCharts.HALF));

  @TempDir Path tmp;

  private ReportWriter.Written write(Path dir, ChartRegistry charts) throws Exception {
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    ReportWriter.Written w = ReportWriter.write(dir, charts, new PrintStream(warnings, true, StandardCharsets.UTF_8));
    assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
    return w;
  }

  @Test
  void aRegisteredChartIsInTheReportAndBesideItAsPng() throws Exception {
    Path dir = ResultsFixture.writeA(tmp.resolve("a"));
    ReportWriter.Written w = write(dir, WITH_OK_RUNS);

    String html = Files.readString(w.html());
    assertThat(html).contains("<svg id=\"ok-runs\"", "<title>Runs ok, per model</title>",
        "thread-pool: 1 of 3 runs ok");
    // where its line is: registered last, so after every built-in chart
    assertThat(html.indexOf("<svg id=\"ok-runs\"")).isGreaterThan(html.indexOf("<svg id=\"memory-py-asyncio\""));
    Path png = dir.resolve(ResultsLayout.chartPng("ok-runs"));
    assertThat(w.pngs()).last().isEqualTo(png);
    assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(2 * ReportCharts.HALF);
  }

  @Test
  void aRegisteredChartAddsItsOwnCardAndChangesNothingElse() throws Exception {
    Path plain = ResultsFixture.writeA(tmp.resolve("plain"));
    Path extended = ResultsFixture.writeA(tmp.resolve("extended"));
    ReportWriter.Written before = write(plain, ReportCharts.BUILT_IN);
    ReportWriter.Written after = write(extended, WITH_OK_RUNS);

    // a tile after a section of another kind starts a grid of its own
    String card = "<div class=\"grid\"><div class=\"card\">"
        + SvgCanvas.render(new OkRunsChart(after.data().models(), ReportCharts.HALF)) + "</div>\n</div>\n";
    String html = Files.readString(after.html());
    assertThat(html).contains(card);
    assertThat(html.replace(card, "")).isEqualTo(Files.readString(before.html()));
    // charts draw the report data; they never add to it
    Golden.assertMatches("report/report-data.json", Files.readString(extended.resolve(ResultsLayout.REPORT_DATA)));
    assertThat(after.pngs()).hasSize(before.pngs().size() + 1);
  }
}
