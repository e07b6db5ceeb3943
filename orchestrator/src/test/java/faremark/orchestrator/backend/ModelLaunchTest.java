package faremark.orchestrator.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faremark.contract.model.PythonImplementation;
import faremark.orchestrator.scenario.Scenario;
import faremark.orchestrator.scenario.ScenarioException;
import faremark.orchestrator.scenario.ScenarioLoader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelLaunchTest {
  private static final Scenario SCENARIO = scenario("""
      models: [sequential, py-asyncio, pypy-threads, mine]
      run:
        jvmArgs: [-Xmx48m]
      external:
        mine:
          command: [./my-client, --spec, "{spec}", --verbose]
      """);

  private static final ModelLaunch.Layout LOCAL = ModelLaunch.Layout.classpath(
      "/jdk/bin/java", "a.jar:b.jar",
      Map.of(PythonImplementation.CPYTHON, "/usr/bin/python3", PythonImplementation.PYPY, "/usr/bin/pypy3"),
      "/results/python/run_model.py");

  private static Scenario scenario(String yaml) {
    try {
      return ScenarioLoader.parse(yaml, "s.yaml", Optional.empty());
    } catch (ScenarioException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  @Test
  void javaModelsRunTheWorkloadMainWithTheScenariosJvmFlags() {
    ModelLaunch launch = ModelLaunch.of(SCENARIO, "sequential");
    assertThat(launch).isEqualTo(new ModelLaunch.Java("sequential", List.of("-Xmx48m")));
    assertThat(launch.command(LOCAL, "/r/spec.json")).containsExactly("/jdk/bin/java", "-Xmx48m",
        "-cp", "a.jar:b.jar", "faremark.workload.WorkloadMain", "--spec", "/r/spec.json");
    assertThat(launch.command(ModelLaunch.Layout.IMAGE, "/run/faremark/spec.json")).containsExactly(
        "java", "-Xmx48m", "-jar", "/opt/faremark/workload-java.jar", "--spec", "/run/faremark/spec.json");
  }

  @Test
  void pythonModelsRunTheLauncherWithTheirId() {
    ModelLaunch launch = ModelLaunch.of(SCENARIO, "py-asyncio");
    assertThat(launch).isEqualTo(new ModelLaunch.Python("py-asyncio", PythonImplementation.CPYTHON));
    assertThat(launch.command(LOCAL, "/r/spec.json")).containsExactly(
        "/usr/bin/python3", "/results/python/run_model.py", "py-asyncio", "--spec", "/r/spec.json");
    assertThat(launch.command(ModelLaunch.Layout.IMAGE, "/run/faremark/spec.json")).containsExactly(
        "python3", "/opt/faremark/python/run_model.py", "py-asyncio", "--spec", "/run/faremark/spec.json");
  }

  @Test
  void pypyModelsRunTheSameLauncherOnTheirOwnInterpreter() {
    ModelLaunch launch = ModelLaunch.of(SCENARIO, "pypy-threads");
    assertThat(launch).isEqualTo(new ModelLaunch.Python("pypy-threads", PythonImplementation.PYPY));
    assertThat(launch.command(LOCAL, "/r/spec.json")).containsExactly(
        "/usr/bin/pypy3", "/results/python/run_model.py", "pypy-threads", "--spec", "/r/spec.json");
    assertThat(launch.command(ModelLaunch.Layout.IMAGE, "/run/faremark/spec.json")).containsExactly(
        "pypy3", "/opt/faremark/python/run_model.py", "pypy-threads", "--spec", "/run/faremark/spec.json");
    ModelLaunch.Layout cpythonOnly = ModelLaunch.Layout.classpath("java", "a.jar",
        Map.of(PythonImplementation.CPYTHON, "/usr/bin/python3"), "/r/run_model.py");
    assertThatThrownBy(() -> launch.command(cpythonOnly, "/r/spec.json"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no PyPy interpreter here");
  }

  @Test
  void externalModelsRunTheirOwnCommandWithTheSpecFilledIn() {
    ModelLaunch launch = ModelLaunch.of(SCENARIO, "mine");
    assertThat(launch).isInstanceOf(ModelLaunch.External.class);
    assertThat(launch.model()).isEqualTo("mine");
    assertThat(launch.command(LOCAL, "/r/spec.json"))
        .containsExactly("./my-client", "--spec", "/r/spec.json", "--verbose");
  }
}
