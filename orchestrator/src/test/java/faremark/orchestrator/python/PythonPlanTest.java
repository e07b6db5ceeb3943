package faremark.orchestrator.python;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.Requirement;
import faremark.workload.python.PythonCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonPlanTest {
  private static final PythonProbe NO_AIOHTTP =
      new PythonProbe(Optional.of("/usr/bin/python3"), "CPython 3.11.2",
          Map.of("requests", Optional.of("2.28.1"), "aiohttp", Optional.empty(),
              "gevent", Optional.of("22.10.2")), "");

  @Test
  void aModelWithAMissingLibraryIsSkippedWithHowToInstallIt() {
    String why = PythonPlan.reason(PythonCatalog.find("py-asyncio").orElseThrow(), NO_AIOHTTP).orElseThrow();
    assertThat(why).contains("Python module aiohttp not importable by /usr/bin/python3")
        .contains("apt-get install -y python3-aiohttp").contains("FAREMARK_PYTHON");
    assertThat(PythonPlan.reason(PythonCatalog.find("py-threads").orElseThrow(), NO_AIOHTTP)).isEmpty();
    assertThat(NO_AIOHTTP.missing()).containsExactly("aiohttp");
  }

  @Test
  void noInterpreterSkipsEveryPythonModel() {
    PythonProbe none = PythonProbe.absent("no python3 found (tried python3)");
    assertThat(PythonPlan.reason(PythonCatalog.find("py-sequential").orElseThrow(), none))
        .hasValue("no python3 found (tried python3)");
  }

  @Test
  void probingThisMachineNeverThrowsAndNamesWhatIsMissing() {
    PythonProbe probe = PythonInterpreter.probe(List.of("json", "surely_not_a_module_faremark"));
    if (probe.executable().isPresent()) {
      assertThat(probe.version()).startsWith("CPython").isNotBlank();
      assertThat(probe.missing()).containsExactly("surely_not_a_module_faremark");
      assertThat(probe.modules().get("json")).isPresent();
    } else {
      assertThat(probe.problem()).contains("no python3 found");
    }
  }

  @Test
  void theLauncherIsTheExtractedOneOncePrepared(@TempDir Path dir) throws Exception {
    PythonPlan plan = PythonPlan.check(faremark.orchestrator.scenario.ScenarioLoader.parse(
        "models: [py-threads, sequential]\n", "s.yaml", Optional.empty()));
    if (!plan.skipped().isEmpty()) {
      Requirement.PYTHON.missing("PythonPlanTest.theLauncherIsTheExtractedOneOncePrepared",
          "py-threads cannot run here: " + plan.skipped().get("py-threads"));
    }
    assertThat(plan.launcher()).as("nothing to launch before prepare()").isEmpty();
    plan.prepare(dir);
    assertThat(plan.launcher()).contains(dir.resolve("python/run_model.py").toAbsolutePath().toString());
    assertThat(plan.executable()).isPresent();
    assertThat(Files.readString(dir.resolve("python.json"))).contains("\"requests\"").contains("\"skipped\"");
    assertThat(dir.resolve("python/faremark_py/__pycache__")).as("compiled once, before any run").isDirectory();
    assertThat(plan.runnable(List.of("py-threads", "sequential"))).containsExactly("py-threads", "sequential");
  }
}
