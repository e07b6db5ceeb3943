package faremark.orchestrator.cli;

import faremark.orchestrator.experiment.MissingRuns;
import faremark.orchestrator.output.SafeText;
import faremark.orchestrator.report.ReportWriter;
import faremark.orchestrator.results.ConsoleTable;
import faremark.orchestrator.results.ResultsException;
import faremark.orchestrator.results.ResultsLayout;
import faremark.orchestrator.results.sweep.SweepConsoleTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code faremark report}: rebuilds every summary and the report of a results folder from raw data. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Rebuilds " + ResultsLayout.SUMMARY_JSON + ", " + ResultsLayout.SUMMARY_CSV + ", "
          + ResultsLayout.REPORT_DATA + ", " + ResultsLayout.REPORT_HTML + " and the charts as PNG"
          + " of a results folder from its raw data alone (" + ResultsLayout.SCENARIO + ", "
          + ResultsLayout.ENVIRONMENT + ", " + ResultsLayout.RUNS + "/*/" + ResultsLayout.RUN_RECORD
          + ", " + ResultsLayout.SAMPLES + ", " + ResultsLayout.EVENTS + "), then prints the"
          + " summary table and where the report is.",
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  faremark report results/20260101T120000Z-seed",
      "  faremark report results/$(ls results | tail -n 1)",
      "%nExit codes:%n  0    report written%n  1    report written, but some runs of the"
          + " experiment were not ok, a model failed its pre-flight, or the experiment was cut"
          + " short (the runs without a run.json are named on stderr), or an internal error%n  2    bad input: not a results"
          + " folder, or a raw file that cannot be read (named in the message)%n  130  interrupted%n",
    })
final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<results-dir>",
      description = "a results folder, e.g. results/20260101T120000Z-seed")
  Path dir;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    ReportWriter.Written written;
    try (PrintStream w = new PrintStream(warnings, true, StandardCharsets.UTF_8)) {
      written = ReportWriter.write(dir, w);
    } catch (ResultsException e) {
      err.println("faremark report: " + e.getMessage());
      return ExitCodes.BAD_INPUT;
    }
    err.print(warnings.toString(StandardCharsets.UTF_8));
    out.print(ConsoleTable.render(written.summary()));
    if (written.data().sweep() != null) {
      out.print(SweepConsoleTable.render(written.data().sweep()));
    }
    written.experiment().skipped().forEach((model, why) ->
        err.println("skipped " + SafeText.line(model) + ": " + SafeText.line(why)));
    out.println("report: " + written.html().toAbsolutePath().normalize().toUri());
    List<String> missing = MissingRuns.of(written.experiment());
    if (!missing.isEmpty()) {
      // an interrupted folder: what finished is in the report, what did not is said here
      err.println("faremark report: the experiment was cut short; " + missing.size() + " of "
          + written.experiment().plannedRuns() + " planned runs have no " + ResultsLayout.RUN_RECORD
          + ": " + String.join(", ", missing));
    }
    return written.summary().allOk() ? ExitCodes.OK : ExitCodes.RUNS_FAILED;
  }
}
