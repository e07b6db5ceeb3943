package faremark.orchestrator.report;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.results.FirstUseFixture;
import faremark.orchestrator.results.Golden;
import faremark.orchestrator.results.ResultsFixture;
import faremark.orchestrator.results.ResultsLayout;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder with first-use reference runs: its summaries and report data (golden files of their
 * own; the folders without reference runs keep theirs, byte for byte) and the report's section.
 */
class FirstUseSectionTest {
  @TempDir Path tmp;

  private Path written() throws Exception {
    Path dir = FirstUseFixture.write(tmp.resolve("c"));
    ReportWriter.write(dir, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    return dir;
  }

  @Test
  void summariesAndReportDataMatchTheirGoldenFiles() throws Exception {
    Path dir = written();
    Golden.assertMatches("first-use/summary.json", Files.readString(dir.resolve(ResultsLayout.SUMMARY_JSON)));
    Golden.assertMatches("first-use/summary.csv", Files.readString(dir.resolve(ResultsLayout.SUMMARY_CSV)));
    Golden.assertMatches("first-use/report-data.json", Files.readString(dir.resolve(ResultsLayout.REPORT_DATA)));
  }

  @Test
  void theReportStatesColdWarmAndFirstUsePerModel() throws Exception {
    String html = Files.readString(written().resolve(ResultsLayout.REPORT_HTML));
    String section = html.substring(html.indexOf("<h2 id=\"first-use\">"), html.indexOf("<h2 id=\"runs\">"));
    assertThat(section).contains(
        "<b>832 ms</b><br><small class=\"muted\">[764 ms, 942 ms] 75 % (n=3)",
        "<b>388 ms</b><br><small class=\"muted\">[372 ms, 413 ms] 94 % (n=5)",
        "<b>444 ms</b><br><small class=\"muted\">[351 ms, 570 ms]</small>", "53 %",
        "1250 / 270 ms", "5 of 6",
        "not distinguishable<br><small class=\"muted\">-4.00 ms [-24.0 ms, 37.0 ms]",
        "reported no warm-up pass");
    // the reference runs are in no other figure: the request phase row has the 3 measured runs
    assertThat(html).contains("<b>832</b><br><small class=\"muted\">[764 – 942] (n=3)");
    assertThat(html).contains("CPU in the request phase");
  }

  @Test
  void aFolderWithoutReferenceRunsHasNoSection() throws Exception {
    Path dir = ResultsFixture.writeA(tmp.resolve("a"));
    ReportWriter.write(dir, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    String html = Files.readString(dir.resolve(ResultsLayout.REPORT_HTML));
    assertThat(html).doesNotContain("id=\"first-use\"", "Warm-up on", "CPU in the request phase");
  }
}
