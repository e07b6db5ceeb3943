package faremark.orchestrator.python;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import faremark.contract.Json;
import faremark.contract.model.PythonImplementation;
import faremark.orchestrator.scenario.Scenario;
import faremark.orchestrator.scenario.ScenarioLoader;
import faremark.orchestrator.Requirement;
import faremark.workload.python.PythonCatalog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonPlanTest {
  private static final PythonProbe NO_AIOHTTP = new PythonProbe(PythonImplementation.CPYTHON,
      Optional.of("/usr/bin/python3"), "CPython 3.11.2", "cpython-311",
      Map.of("requests", PythonProbe.Library.loads("2.28.1"),
          "aiohttp", PythonProbe.Library.notInstalled("ModuleNotFoundError: No module named 'aiohttp'"),
          "gevent", PythonProbe.Library.loads("22.10.2")), "");

  /** What Debian's pypy3 offers: requests from /usr/lib/python3/dist-packages, not gevent's loop. */
  static final PythonProbe DEBIAN_PYPY = new PythonProbe(PythonImplementation.PYPY,
      Optional.of("/usr/bin/pypy3"), "PyPy 7.3.11 (Python 3.9.16)", "pypy39",
      Map.of("requests", PythonProbe.Library.loads("2.28.1"),
          "urllib3", PythonProbe.Library.loads("1.26.12"),
          "gevent", PythonProbe.Library.broken("ImportError: cannot import name '_corecffi' from"
              + " 'gevent.libuv' (gevent/libuv/loop.py line 23)"),
          "aiohttp", PythonProbe.Library.broken("TypeError: unsupported operand type(s) for |:"
              + " 'type' and 'type' (aiohttp/cookiejar.py line 192)")), "");

  private static Scenario scenario(String models) throws Exception {
    return ScenarioLoader.parse("models: [" + models + "]\n", "s.yaml", Optional.empty());
  }

  @Test
  void aModelWithAMissingLibraryIsSkippedWithHowToInstallIt() {
    String why = PythonPlan.reason(PythonCatalog.find("py-asyncio").orElseThrow(), NO_AIOHTTP).orElseThrow();
    assertThat(why).contains("Python module aiohttp not importable by /usr/bin/python3")
        .contains("apt-get install -y python3-aiohttp").contains("FAREMARK_PYTHON");
    assertThat(PythonPlan.reason(PythonCatalog.find("py-threads").orElseThrow(), NO_AIOHTTP)).isEmpty();
    assertThat(NO_AIOHTTP.missing()).containsExactly("aiohttp");
  }

  @Test
  void aLibraryInstalledButNotLoadingOnPypyIsSkippedWithItsOwnError() {
    String gevent = PythonPlan.reason(PythonCatalog.find("pypy-gevent").orElseThrow(), DEBIAN_PYPY).orElseThrow();
    assertThat(gevent)
        .startsWith("Python module gevent is installed but does not load on PyPy 7.3.11 (Python 3.9.16)"
            + " (/usr/bin/pypy3): ImportError: cannot import name '_corecffi'")
        .contains("gevent/libuv/loop.py line 23")
        .contains("pypy3 -m pip install gevent)").contains("FAREMARK_PYPY")
        .as("not the CPython hint: the package is installed").doesNotContain("apt-get install");
    assertThat(PythonPlan.reason(PythonCatalog.find("pypy-asyncio").orElseThrow(), DEBIAN_PYPY).orElseThrow())
        .contains("aiohttp/cookiejar.py line 192");
    assertThat(PythonPlan.reason(PythonCatalog.find("pypy-threads").orElseThrow(), DEBIAN_PYPY)).isEmpty();
    // in an image the way out is another base image, not another interpreter on this machine
    assertThat(PythonPlan.reason(PythonCatalog.find("pypy-gevent").orElseThrow(), DEBIAN_PYPY,
        "FAREMARK_PYPY_IMAGE to a base image with a pypy3").orElseThrow())
        .endsWith("or set FAREMARK_PYPY_IMAGE to a base image with a pypy3 that has one");
  }

  @Test
  void eachImplementationIsProbedForItsOwnModelsLibraries() throws Exception {
    java.util.Map<PythonImplementation, List<String>> asked = new java.util.EnumMap<>(PythonImplementation.class);
    PythonProber prober = (implementation, modules) -> {
      asked.put(implementation, modules);
      return implementation == PythonImplementation.PYPY ? DEBIAN_PYPY : NO_AIOHTTP;
    };
    PythonPlan plan = PythonPlan.check(scenario("py-threads, pypy-threads, pypy-gevent, sequential"),
        prober, false);
    assertThat(asked).containsEntry(PythonImplementation.CPYTHON, List.of("requests", "urllib3"))
        .containsEntry(PythonImplementation.PYPY, List.of("requests", "gevent", "urllib3"));
    assertThat(plan.skipped()).containsOnlyKeys("pypy-gevent");
    assertThat(plan.runnable(List.of("py-threads", "pypy-threads", "pypy-gevent", "sequential")))
        .containsExactly("py-threads", "pypy-threads", "sequential");
    assertThat(plan.executables()).containsEntry(PythonImplementation.CPYTHON, "/usr/bin/python3")
        .containsEntry(PythonImplementation.PYPY, "/usr/bin/pypy3");
    assertThat(plan.warnings()).as("same requests; urllib3 unknown on one side").isEmpty();
  }

  @Test
  void differentRequestsVersionsAreWarnedAboutOnTheConsoleAndInPythonJson(@TempDir Path dir) throws Exception {
    PythonProbe pyenv = new PythonProbe(PythonImplementation.CPYTHON,
        Optional.of("/root/.pyenv/versions/3.11.7/bin/python3"), "CPython 3.11.7", "cpython-311",
        Map.of("requests", PythonProbe.Library.loads("2.34.2"), "urllib3", PythonProbe.Library.loads("2.6.3")), "");
    PythonPlan plan = PythonPlan.check(scenario("py-threads, pypy-threads"),
        (implementation, modules) -> implementation == PythonImplementation.PYPY ? DEBIAN_PYPY : pyenv,
        false);
    assertThat(plan.warnings()).hasSize(2).first().asString()
        .contains("requests 2.34.2").contains("requests 2.28.1").contains("FAREMARK_PYTHON");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    plan.report(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("warning: CPython (/root/.pyenv");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("python: /root/.pyenv/versions/3.11.7/bin/python3 (CPython 3.11.7; requests 2.34.2, urllib3 2.6.3)")
        .contains("pypy: /usr/bin/pypy3 (PyPy 7.3.11 (Python 3.9.16); ");
    plan.prepare(dir);
    JsonNode json = Json.mapper().readTree(dir.resolve("python.json").toFile());
    assertThat(json.path("warnings")).hasSize(2);
    assertThat(json.path("interpreters").path("pypy").path("executable").asText()).isEqualTo("/usr/bin/pypy3");
    assertThat(json.path("interpreters").path("pypy").path("runtime").asText()).isEqualTo("PyPy 7.3.11 (Python 3.9.16)");
    assertThat(json.path("interpreters").path("cpython").path("modules").path("requests").asText()).isEqualTo("2.34.2");
    assertThat(json.path("interpreters").path("pypy").path("errors").path("gevent").asText()).contains("_corecffi");
    assertThat(json.has("sources")).as("an image's plan extracts nothing").isFalse();
    assertThat(dir.resolve("python")).doesNotExist();
  }

  @Test
  void noInterpreterSkipsEveryModelOfThatImplementation() {
    PythonProbe none = PythonProbe.absent(PythonImplementation.PYPY, "no pypy3 found (tried pypy3)");
    assertThat(PythonPlan.reason(PythonCatalog.find("pypy-sequential").orElseThrow(), none))
        .hasValue("no pypy3 found (tried pypy3)");
  }

  @Test
  void theLauncherIsTheExtractedOneOnceCompiledByEachInterpreter(@TempDir Path dir) throws Exception {
    PythonPlan plan = PythonPlan.check(scenario("py-threads, pypy-threads, sequential"));
    if (!plan.skipped().isEmpty()) {
      // CPython with requests is a requirement where FAREMARK_REQUIRE names python; PyPy is not:
      // without it the extraction and byte code are checked for what there is.
      if (plan.skipped().containsKey("py-threads")) {
        Requirement.PYTHON.missing(
            "PythonPlanTest.theLauncherIsTheExtractedOneOnceCompiledByEachInterpreter",
            "py-threads cannot run here: " + plan.skipped().get("py-threads"));
      }
      System.out.println("PythonPlanTest: not both interpreters here with requests (" + plan.skipped()
          + "): the extraction and byte code are checked for what there is");
    }
    assertThat(plan.launcher()).as("nothing to launch before prepare()").isEmpty();
    plan.prepare(dir);
    if (plan.executables().isEmpty()) {
      return;
    }
    assertThat(plan.launcher()).contains(dir.resolve("python/run_model.py").toAbsolutePath().toString());
    JsonNode json = Json.mapper().readTree(dir.resolve("python.json").toFile());
    assertThat(json.path("skipped").isObject()).isTrue();
    // each interpreter compiled the sources once, into its own files beside the other's
    for (PythonImplementation i : plan.executables().keySet()) {
      String tag = i == PythonImplementation.PYPY ? "pypy" : "cpython-";
      assertThat(json.path("interpreters").path(i.id()).path("byteCode").asText()).contains(tag);
      try (var files = Files.list(dir.resolve("python/faremark_py/__pycache__"))) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .as("%s's byte code", i).anyMatch(n -> n.startsWith("runner." + tag));
      }
    }
  }
}
