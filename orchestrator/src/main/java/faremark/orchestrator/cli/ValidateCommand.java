package faremark.orchestrator.cli;

import faremark.orchestrator.output.SafeText;
import faremark.orchestrator.scenario.MachineFacts;
import faremark.orchestrator.scenario.Scenario;
import faremark.orchestrator.scenario.ScenarioException;
import faremark.orchestrator.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code faremark validate}: loads a scenario and shows what would run, or every error. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Checks a scenario file without running anything: prints a summary with every default"
          + " filled in and an estimate of the request phases, or every error found with its"
          + " file, line and field.",
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  faremark validate scenarios/seed.yaml",
      "  faremark validate --resolved scenarios/cap-5.yaml > resolved.yaml",
      ExitCodes.HELP,
    })
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<scenario>", description = "scenario YAML file")
  Path scenario;

  @Option(names = "--resolved", description = "print the resolved scenario as YAML instead of the summary")
  boolean resolved;

  /** The machine whose limits are checked: this one (tests give another). */
  MachineFacts machine = MachineFacts.here();

  @Override
  public Integer call() {
    Scenario s;
    try {
      s = ScenarioLoader.load(scenario, machine);
    } catch (ScenarioException e) {
      // each problem quotes what the file says, which may hold escape sequences
      spec.commandLine().getErr().println(SafeText.lines(e.getMessage()));
      int n = e.problems().size();
      spec.commandLine().getErr().println(n + (n == 1 ? " error" : " errors") + "; nothing was run.");
      return ExitCodes.BAD_INPUT;
    }
    spec.commandLine().getOut().print(resolved ? s.toYaml() : ScenarioSummary.describe(s, machine));
    return ExitCodes.OK;
  }
}
