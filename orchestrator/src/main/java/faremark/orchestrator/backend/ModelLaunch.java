package faremark.orchestrator.backend;

import faremark.contract.model.ModelDeclaration;
import faremark.contract.model.PythonImplementation;
import faremark.orchestrator.model.Models;
import faremark.orchestrator.scenario.ExternalModel;
import faremark.orchestrator.scenario.Scenario;
import faremark.workload.JavaModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

  /**
   * A Python model: {@code <interpreter> <launcher> <model> --spec <file>}, the interpreter the
   * layout has for {@code implementation} (py-threads on CPython, pypy-threads on PyPy: the same
   * launcher and module; the launcher refuses an id meant for another interpreter).
   */
  record Python(String model, PythonImplementation implementation) implements ModelLaunch {}

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
   * @param pythons the interpreter of each Python implementation there is
   * @param pythonLauncher the path of {@code run_model.py}
   */
  record Layout(String java, List<String> javaEntry, Map<PythonImplementation, String> pythons,
      String pythonLauncher) {
    public Layout {
      javaEntry = List.copyOf(javaEntry);
      pythons = Map.copyOf(pythons);
    }

    /**
     * The workload images' layout (workload/java's Dockerfile; workload/python's Dockerfile for
     * CPython and Dockerfile.pypy for PyPy, which put the same sources in the same place).
     */
    public static final Layout IMAGE = new Layout("java",
        List.of("-jar", "/opt/faremark/workload-java.jar"),
        Map.of(PythonImplementation.CPYTHON, "python3", PythonImplementation.PYPY, "pypy3"),
        "/opt/faremark/python/run_model.py");

    /** A build tree or installed copy: the workload's classes on a classpath. */
    public static Layout classpath(String java, String classpath,
        Map<PythonImplementation, String> pythons, String pythonLauncher) {
      return new Layout(java, List.of("-cp", classpath, JavaModels.MAIN_CLASS), pythons, pythonLauncher);
    }

    /**
     * The interpreter of {@code implementation}.
     *
     * @throws IllegalStateException when this layout has none (its models were to be skipped)
     */
    public String python(PythonImplementation implementation) {
      String python = pythons.get(implementation);
      if (python == null) {
        throw new IllegalStateException("no " + implementation.runtimeName()
            + " interpreter here: its models should have been skipped before the experiment");
      }
      return python;
    }
  }

  /** The launch of {@code model} as {@code scenario} asks for it. */
  static ModelLaunch of(Scenario scenario, String model) {
    if (scenario.isExternal(model)) {
      return new External(scenario.externalModel(model).orElseThrow());
    }
    var python = Models.find(model).flatMap(ModelDeclaration::python);
    if (python.isPresent()) {
      return new Python(model, python.get().implementation());
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
        command.add(layout.python(p.implementation()));
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
