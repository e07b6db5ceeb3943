package faremark.orchestrator.cli;

import faremark.orchestrator.output.SafeText;
import faremark.orchestrator.report.Comparison;
import faremark.orchestrator.report.ComparisonText;
import faremark.orchestrator.report.SweepComparisonText;
import faremark.orchestrator.report.data.ReportData;
import faremark.orchestrator.report.ReportDataBuilder;
import faremark.orchestrator.results.ExperimentData;
import faremark.orchestrator.results.ResultsException;
import faremark.orchestrator.results.ResultsReader;
import faremark.orchestrator.results.Summaries;
import faremark.orchestrator.results.sweep.SweepAnalysis;
import faremark.orchestrator.results.sweep.SweepComparison;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code faremark compare}: per-model differences between two results folders. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Prints, per model, how results folder B differs from A: ok runs, request phase, peak,"
          + " peak - baseline, latency p50 and p99, requests the HTTP client re-sent on its own"
          + " (per run), each as A, B, the difference, the change in"
          + " percent, its direction (lower/higher, better/worse) and whether the ranges over runs"
          + " overlap. Where both folders hold a sweep, the bytes per extra request in flight per"
          + " model, and whether they differ: the 95 % bootstrap interval of the difference"
          + " excludes 0. Both folders are read from raw data; models found on one side only are"
          + " listed as such. Writes nothing.",
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  faremark compare results/20260101T120000Z-seed results/20260102T120000Z-seed",
      "  faremark compare results/*-seed results/*-seed-small-heap",
      "%nExit codes:%n  0    compared%n  2    bad input: a folder that is not a results folder,"
          + " or a raw file that cannot be read (named in the message)%n  130  interrupted%n",
    })
final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<dir-a>", description = "the results folder compared against")
  Path a;

  @Parameters(index = "1", paramLabel = "<dir-b>", description = "the results folder compared")
  Path b;

  @Override
  public Integer call() {
    ReportData ra;
    ReportData rb;
    ExperimentData da;
    ExperimentData db;
    try {
      da = ResultsReader.read(a);
      db = ResultsReader.read(b);
      ra = ReportDataBuilder.build(da, Summaries.of(da));
      rb = ReportDataBuilder.build(db, Summaries.of(db));
    } catch (ResultsException e) {
      spec.commandLine().getErr().println("faremark compare: " + e.getMessage());
      return ExitCodes.BAD_INPUT;
    }
    Comparison c = Comparison.of(a.toString(), ra, b.toString(), rb);
    // model ids and outcomes come from the folders, which anyone may have written
    spec.commandLine().getOut().print(SafeText.lines(ComparisonText.render(c, ra, rb)));
    // sweep slopes only where both folders have a line for a model: a folder without sweep runs
    // is compared exactly as before
    SweepComparison slopes = SweepComparison.of(records(da), records(db),
        SweepAnalysis.DEFAULT_SEED, SweepAnalysis.DEFAULT_RESAMPLES);
    spec.commandLine().getOut().print(SafeText.lines(SweepComparisonText.render(slopes)));
    return ExitCodes.OK;
  }

  private static java.util.List<faremark.orchestrator.results.RunRecord> records(ExperimentData d) {
    return d.runs().stream().map(faremark.orchestrator.results.RunData::record).toList();
  }

  static ReportData load(Path dir) throws ResultsException {
    ExperimentData data = ResultsReader.read(dir);
    return ReportDataBuilder.build(data, Summaries.of(data));
  }
}
