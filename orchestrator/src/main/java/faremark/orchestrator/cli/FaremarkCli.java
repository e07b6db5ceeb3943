package faremark.orchestrator.cli;

import faremark.orchestrator.lifecycle.ShutdownGuard;
import faremark.orchestrator.output.SafeText;
import faremark.orchestrator.scenario.ScenarioException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * faremark's command line: {@code run}, {@code models}, {@code validate}. {@link #execute}
 * returns the exit code (see {@link ExitCodes}) so tests can drive it without exiting the JVM.
 */
@Command(
    name = "faremark",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Measures what each concurrency model costs, in memory and time, when a program does many"
          + " slow network calls.",
    },
    subcommands = {
      RunCommand.class, ReportCommand.class, CompareCommand.class, ValidateCommand.class,
      ModelsCommand.class, CommandLine.HelpCommand.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  faremark run scenarios/seed.yaml --out results",
      "  faremark report results/20260101T120000Z-seed",
      "  faremark compare results/20260101T120000Z-seed results/20260102T120000Z-seed",
      "  faremark validate scenarios/cap-5.yaml",
      "  faremark models",
      ExitCodes.HELP,
    })
public final class FaremarkCli implements Callable<Integer> {
  @Spec CommandSpec spec;

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(execute(out, err, args));
  }

  /** Runs one command line; returns its exit code. Errors go to {@code err}. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cmd = commandLine(out, err);
    int code = cmd.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cmd = new CommandLine(new FaremarkCli());
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr().println("faremark: " + ex.getMessage());
          CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr());
          c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
          return ExitCodes.BAD_INPUT;
        });
    cmd.setExecutionExceptionHandler(
        (ex, c, parseResult) -> {
          if (ex instanceof ScenarioException) {
            c.getErr().println(SafeText.lines(ex.getMessage()));
            return ExitCodes.BAD_INPUT;
          }
          if (ex instanceof InterruptedException) {
            c.getErr().println("faremark: interrupted");
            return ShutdownGuard.exitCode(ExitCodes.INTERRUPTED);
          }
          if (ShutdownGuard.interrupted()) {
            // A library's own failure as the signal cut it short (an engine call, a socket):
            // the cause is the signal, and the exit code says so.
            c.getErr().println("faremark: " + ShutdownGuard.stopSignal().heard() + " (" + ex + ")");
            return ShutdownGuard.exitCode(ExitCodes.RUNS_FAILED);
          }
          c.getErr().println("faremark: internal error: " + ex);
          ex.printStackTrace(c.getErr());
          return ExitCodes.RUNS_FAILED;
        });
    return cmd;
  }

  /** {@code faremark} alone: show the commands and say that one is needed. */
  @Override
  public Integer call() {
    spec.commandLine().getErr().println("faremark: a command is needed: run, report, compare, validate or models");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.BAD_INPUT;
  }
}
