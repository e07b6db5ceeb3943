package faremark.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.contract.LatencySummary;
import faremark.orchestrator.results.Outcome;
import faremark.orchestrator.results.ResultsFixture;
import faremark.orchestrator.results.RunRecord;
import faremark.orchestrator.results.SummaryFixture;
import faremark.orchestrator.verify.Verification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A results folder whose every user- or workload-supplied text is hostile: markup, terminal
 * escape sequences, control characters and spreadsheet formulas in the scenario's description,
 * an external model's command, a model id written into a run.json, a failure reason and the
 * failure causes of a {@code done} event. {@code faremark report} must show each as text in
 * report.html, as an inert cell in summary.csv, and without escapes on the terminal.
 */
class HostileStringsReportTest {
  @TempDir Path tmp;

  static final String ESC = "\u001b";
  static final String MARKUP = "<script>alert('x')</script><img src=x onerror=alert(1)>";
  static final String TERMINAL = ESC + "[2J" + ESC + "]0;pwned\u0007" + ESC + "[31mred\r\u0000";
  static final String FORMULA_MODEL = "=HYPERLINK(\"http://x\",\"y\")<b>";

  static final String SCENARIO = """
      name: hostile
      description: "<script>alert('x')</script> \\e[2J\\e]0;pwned\\a =1+2"
      job: {days: 3}
      models: [sequential, evil]
      repetitions: 1
      external:
        evil:
          command: ["sh", "-c", "<img src=x onerror=alert(1)> \\e[31m", "{spec}"]
          description: "<b>bold</b> \\e[5m"
      """;

  @Test
  void everySuppliedTextIsEscapedInHtmlInertInCsvAndPlainOnTheTerminal() throws Exception {
    Path dir = tmp.resolve("hostile");
    RunRecord crashed = SummaryFixture.crashed(2, "evil", 1);
    RunRecord evil = new RunRecord(crashed.index(), crashed.runId(), crashed.model(),
        crashed.repetition(), crashed.outcome(), MARKUP + TERMINAL + " =1+2", crashed.exitCode(),
        crashed.launchedAt(), crashed.processWallMs(), null, null, null, crashed.verification(),
        crashed.memory(), crashed.server(), List.of("sh", "-c", MARKUP + TERMINAL));
    // a done event whose failure causes and details are the workload's own words
    RunRecord edited = new RunRecord(3, "003-edited-r1", FORMULA_MODEL, 1, Outcome.FAILED_REQUESTS,
        "1 of 3 requests failed", 1, SummaryFixture.STARTED.plusSeconds(120), 500.0, 100.0, 400.0,
        SummaryFixture.result(FORMULA_MODEL, 3, 2, Map.of(MARKUP + TERMINAL, 1), 300.0,
            new LatencySummary(2, 1000, 1000.0, 1000, 1000, 1000, 1000, 1000)),
        Verification.noAnswer(3), crashed.memory(), crashed.server(), List.of("x"));
    ResultsFixture.write(dir, SCENARIO, List.of(
        SummaryFixture.ok(1, "sequential", 1, 20_000.0, 21_000.0, 70L << 20, 60L << 20, 1_400,
            200_000, 205_000, 1),
        evil, edited));

    ReportCommandTest.Result r = ReportCommandTest.run("report", dir.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.RUNS_FAILED);

    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html).doesNotContain("<script>", "<img", "<b>bold", "<b>=HYPERLINK", ESC, "\u0007",
        "\u0000");
    assertThat(html).contains("&lt;script&gt;alert('x')&lt;/script&gt;", "&lt;img src=x",
        "=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)&lt;b&gt;");

    List<String> csv = Files.readAllLines(dir.resolve("summary.csv"));
    assertThat(csv).anySatisfy(line -> assertThat(line)
        .startsWith("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")<b>\","));
    assertThat(csv).allSatisfy(line -> assertThat(line).doesNotStartWith("="));

    for (String console : List.of(r.out(), r.err())) {
      assertThat(console).doesNotContain(ESC, "\u0007", "\r", "\u0000");
    }
    assertThat(r.out()).contains("HYPERLINK");
  }
}
