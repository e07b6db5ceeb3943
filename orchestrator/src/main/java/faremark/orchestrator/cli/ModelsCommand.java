package faremark.orchestrator.cli;

import faremark.contract.model.ModelDeclaration;
import faremark.contract.model.PythonImplementation;
import faremark.orchestrator.model.Models;
import faremark.orchestrator.python.PythonInterpreter;
import faremark.orchestrator.python.PythonPlan;
import faremark.orchestrator.scenario.ExternalModel;
import faremark.orchestrator.scenario.Scenario;
import faremark.orchestrator.scenario.ScenarioLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code faremark models}: the Java models, and a scenario's external ones when given. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Lists the Java and Python concurrency models by id, and whether this machine can run the"
          + " Python ones. External models (your own programs) are defined per scenario under"
          + " external:; name a scenario to list them too.",
    },
    footerHeading = "%nExamples:%n",
    footer = {"  faremark models", "  faremark models scenarios/seed.yaml", ExitCodes.HELP})
final class ModelsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "<scenario>",
      description = "also list this scenario's external models")
  Path scenario;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Scenario s = scenario == null ? null : ScenarioLoader.load(scenario);
    int width = Math.max(
        Models.java().stream().mapToInt(m -> m.id().length()).max().orElse(10),
        Models.python().stream().mapToInt(m -> m.id().length()).max().orElse(10));
    if (s != null) {
      width = Math.max(width, s.external().keySet().stream().mapToInt(String::length).max().orElse(0));
    }
    out.println("Java models:");
    for (ModelDeclaration m : Models.java()) {
      out.printf("  %-" + width + "s  %s%n", m.id(), m.description());
    }
    out.println();
    var available = PythonPlan.availability();
    // One group per interpreter: the PyPy models are the CPython ones again (same modules), so
    // they read as a second list in the same order rather than interleaved.
    for (PythonImplementation implementation : PythonImplementation.values()) {
      List<ModelDeclaration> models = Models.python().stream()
          .filter(m -> m.python().orElseThrow().implementation() == implementation).toList();
      if (models.isEmpty()) {
        continue;
      }
      if (implementation != PythonImplementation.CPYTHON) {
        out.println();
      }
      out.println("Python models on " + implementation.runtimeName() + " ("
          + PythonInterpreter.command(implementation) + " or $" + PythonInterpreter.variable(implementation)
          + ", with the libraries named loading on it; checked on this machine now):");
      for (ModelDeclaration m : models) {
        out.printf("  %-" + width + "s  %s [%s]%n", m.id(), m.description(),
            String.join(", ", m.python().orElseThrow().imports()));
        String indent = " ".repeat(width + 4);
        available.get(m.id()).ifPresent(why -> out.println(indent + "unavailable: " + why));
      }
    }
    if (s == null) {
      out.println();
      out.println("External models (your own programs under the same contract) are defined per"
          + " scenario under external:; 'faremark models <scenario>' lists them.");
    } else if (s.external().isEmpty()) {
      out.println();
      out.println("External models in " + scenario + ": none");
    } else {
      out.println();
      out.println("External models in " + scenario + ":");
      for (ExternalModel m : s.external().values()) {
        out.printf("  %-" + width + "s  %s%n", m.id(),
            m.description().isEmpty() ? String.join(" ", m.command()) : m.description());
      }
    }
    return ExitCodes.OK;
  }
}
