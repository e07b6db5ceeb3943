package faremark.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.results.ResultsFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code faremark report} and {@code faremark compare} from the command line. */
class ReportCommandTest {
  @TempDir Path tmp;

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = FaremarkCli.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void reportRebuildsEverythingFromRawDataAndSaysWhereTheReportIs() throws Exception {
    Path dir = ResultsFixture.writeA(tmp.resolve("a"));
    Result r = run("report", dir.toString());
    // the fixture has runs that were not ok: exit 1, as `run` would have
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.RUNS_FAILED);
    assertThat(r.out()).contains("sequential", "report: file://" + dir.toAbsolutePath() + "/report.html");
    for (String f : new String[] {"summary.json", "summary.csv", "report-data.json", "report.html", "memory.png"}) {
      assertThat(dir.resolve(f)).as(f).isNotEmptyFile();
    }
  }

  @Test
  void reportOnAFolderWithOnlyOkRunsExitsZero() throws Exception {
    Path dir = ResultsFixture.writeB(tmp.resolve("b"));
    assertThat(run("report", dir.toString()).code()).isEqualTo(ExitCodes.OK);
  }

  /**
   * An experiment cut off (Ctrl-C, a crash): the last run's folder has no run.json, the one after
   * was never made, no summary was written. report rebuilds what finished, names what is missing
   * and exits 1.
   */
  @Test
  void reportOnAnInterruptedFolderRebuildsWhatFinishedAndNamesWhatIsMissing() throws Exception {
    Path dir = ResultsFixture.writeB(tmp.resolve("b"));
    Files.delete(dir.resolve("runs/005-thread-pool-r2/run.json"));
    try (var files = Files.list(dir.resolve("runs/006-async-r2"))) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(dir.resolve("runs/006-async-r2"));
    Result r = run("report", dir.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.RUNS_FAILED);
    assertThat(r.err()).contains("the experiment was cut short; 2 of 6 planned runs have no run.json:"
        + " 005-thread-pool-r2, 006-async-r2");
    assertThat(r.out()).contains("sequential", "2/2", "thread-pool", "1/1");
    var summary = faremark.contract.Json.mapper().readTree(dir.resolve("summary.json").toFile());
    assertThat(summary.path("interrupted").asBoolean()).isTrue();
    assertThat(summary.path("runs").asInt()).isEqualTo(4);
    assertThat(Files.readString(dir.resolve("report.html"))).contains("interrupted: runs are missing");
  }

  @Test
  void reportOnSomethingThatIsNotAResultsFolderIsBadInput() throws Exception {
    Result missing = run("report", tmp.resolve("nope").toString());
    assertThat(missing.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(missing.err()).contains("nope", "not a directory");

    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Result notResults = run("report", empty.toString());
    assertThat(notResults.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(notResults.err()).contains("scenario.resolved.yaml", "not a faremark results folder");
  }

  @Test
  void aBrokenRawFileIsNamedWithItsLine() throws Exception {
    Path dir = ResultsFixture.writeA(tmp.resolve("a"));
    Path samples = dir.resolve("runs/001-sequential-r1/samples.csv");
    Files.writeString(samples, "t_ms,current_bytes,anon_bytes,file_bytes\n1.0,2,3,4\nbroken\n");
    Result r = run("report", dir.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains(samples.toString(), "line 3", "broken");
  }

  @Test
  void aLatencyFileThatIsNoHistogramLogIsBadInputNamingIt() throws Exception {
    Path dir = ResultsFixture.writeA(tmp.resolve("a"));
    Path latency = dir.resolve("runs/001-sequential-r1/latency.hlog");
    Files.writeString(latency, "#[Histogram log format version 1.3]\n0.000,1.000,2.000,not-a-histogram\n");
    Result r = run("report", dir.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains(latency.toString(), "not an HdrHistogram log");
  }

  @Test
  void compareprintsPerModelDifferences() throws Exception {
    Path a = ResultsFixture.writeA(tmp.resolve("a"));
    Path b = ResultsFixture.writeB(tmp.resolve("b"));
    Result r = run("compare", a.toString(), b.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("sequential", "lower (better)", "async: only in B");
    // compare writes nothing
    assertThat(a.resolve("summary.json")).doesNotExist();
  }

  @Test
  void compareSaysWhetherTwoSweepsSlopesDifferBeyondTheirInterval() throws Exception {
    Path a = faremark.orchestrator.results.sweep.SweepFixture.write(tmp.resolve("a"),
        faremark.orchestrator.results.sweep.SweepFixture.runs(
            faremark.orchestrator.results.sweep.SweepFixture.twoModels(), java.util.List.of(10, 100, 1000), 3, 1));
    Path b = faremark.orchestrator.results.sweep.SweepFixture.write(tmp.resolve("b"),
        faremark.orchestrator.results.sweep.SweepFixture.runs(java.util.List.of(
            faremark.orchestrator.results.sweep.SweepFixture.Truth.line("virtual-threads",
                60 * 1024 * 1024, 150 * 1024, 3 * 1024 * 1024)), java.util.List.of(10, 100, 1000), 3, 2));
    Result r = run("compare", a.toString(), b.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("Sweep: bytes per extra request in flight", "virtual-threads",
        "differ", "95 % interval of B - A").doesNotContain("thread-pool  peakBytes");
  }

  @Test
  void compareOfFoldersWithoutSweepsSaysNothingAboutSweeps() throws Exception {
    Result r = run("compare", ResultsFixture.writeA(tmp.resolve("a")).toString(),
        ResultsFixture.writeB(tmp.resolve("b")).toString());
    assertThat(r.out()).doesNotContain("Sweep");
  }

  @Test
  void compareWithAMissingFolderIsBadInput() throws Exception {
    Path a = ResultsFixture.writeA(tmp.resolve("a"));
    Result r = run("compare", a.toString(), tmp.resolve("missing").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("missing");
  }

  @Test
  void helpOfReportAndCompareHasExamplesAndExitCodes() {
    for (String cmd : new String[] {"report", "compare"}) {
      Result r = run(cmd, "--help");
      assertThat(r.code()).isZero();
      assertThat(r.out()).as(cmd).contains("Examples:", "faremark " + cmd + " results/", "Exit codes:", "2    bad input");
    }
    assertThat(run("--help").out()).contains("report", "compare");
  }
}
