package faremark.orchestrator.experiment;

import faremark.orchestrator.python.PythonPlan;
import faremark.orchestrator.scenario.Scenario;
import faremark.workload.JavaModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that starts one model with its spec file. */
public final class ModelCommand {
  private ModelCommand() {}

  public static List<String> of(Scenario scenario, String model, Path specFile, PythonPlan python) {
    return scenario
        .externalModel(model)
        .map(external -> external.commandFor(specFile))
        .or(() -> python.command(model, specFile))
        .orElseGet(() -> java(scenario.jvmArgs(), specFile));
  }

  private static List<String> java(List<String> jvmArgs, Path specFile) {
    List<String> command = new ArrayList<>();
    command.add(JavaRuntime.command());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(WorkloadClasspath.current());
    command.add(JavaModels.MAIN_CLASS);
    command.add("--spec");
    command.add(specFile.toString());
    return List.copyOf(command);
  }
}
