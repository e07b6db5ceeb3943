package faremark.orchestrator.backend;

import faremark.orchestrator.model.Models;
import faremark.orchestrator.scenario.ExternalModel;
import faremark.orchestrator.scenario.Scenario;
import faremark.workload.JavaModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How one model is started: the one mapping from a model to a command line, used by every
 * backend (each with its own {@link Layout}) and checked against docker-compose's
 * {@code run-model.sh}. The language decides the shape of the command; the layout says where
 * the runtimes and the workload code are on the machine or in the image that runs it.
 */
public sealed interface ModelLaunch {

  /** The model id, as in the scenario and the results. */
  String model();

  /** A Java model: {@code <java> <jvmArgs> <entry> --spec <file>}; the spec names the model. */
  record Java(String model, List<String> jvmArgs) implements ModelLaunch {
    public Java {
      jvmArgs = List.copyOf(jvmArgs);
    }
  }

  /** A Python model: {@code <python> <launcher> <model> --spec <file>}. */
  record Python(String model) implements ModelLaunch {}

  /** A user's program: its own command with {@code {spec}} replaced; runs where it was given. */
  record External(ExternalModel program) implements ModelLaunch {
    @Override
    public String model() {
      return program.id();
    }
  }

  /**
   * Where a backend finds what the commands start.
   *
   * @param java the java binary
   * @param javaEntry what follows the JVM flags to start {@value JavaModels#MAIN_CLASS}:
   *     {@code -cp <classpath> <main class>} or {@code -jar <jar>}
   * @param python the Python interpreter
   * @param pythonLauncher the path of {@code run_model.py}
   */
  record Layout(String java, List<String> javaEntry, String python, String pythonLauncher) {
    public Layout {
      javaEntry = List.copyOf(javaEntry);
    }

    /** The workload images' layout (workload/java and workload/python Dockerfiles). */
    public static final Layout IMAGE = new Layout("java",
        List.of("-jar", "/opt/faremark/workload-java.jar"), "python3", "/opt/faremark/python/run_model.py");

    /** A build tree or installed copy: the workload's classes on a classpath. */
    public static Layout classpath(String java, String classpath, String python, String pythonLauncher) {
      return new Layout(java, List.of("-cp", classpath, JavaModels.MAIN_CLASS), python, pythonLauncher);
    }
  }

  /** The launch of {@code model} as {@code scenario} asks for it. */
  static ModelLaunch of(Scenario scenario, String model) {
    if (scenario.isExternal(model)) {
      return new External(scenario.externalModel(model).orElseThrow());
    }
    if (Models.isPython(model)) {
      return new Python(model);
    }
    return new Java(model, scenario.jvmArgs());
  }

  /** The command line that starts this model with the spec at {@code specFile}. */
  default List<String> command(Layout layout, String specFile) {
    List<String> command = new ArrayList<>();
    switch (this) {
      case Java j -> {
        command.add(layout.java());
        command.addAll(j.jvmArgs());
        command.addAll(layout.javaEntry());
      }
      case Python p -> {
        command.add(layout.python());
        command.add(layout.pythonLauncher());
        command.add(p.model());
      }
      case External e -> {
        return e.program().commandFor(Path.of(specFile));
      }
    }
    command.add("--spec");
    command.add(specFile);
    return List.copyOf(command);
  }
}
