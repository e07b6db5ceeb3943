package faremark.workload.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import faremark.contract.model.Language;
import faremark.contract.model.ModelDeclaration;
import faremark.contract.model.Parallelism;
import faremark.contract.model.PythonImplementation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java side reads the one declaration file the Python side reads (catalog.py; the Python
 * tests check that side), and refuses a wrong one naming the entry and the field.
 */
class PythonCatalogTest {
  private static final Path SOURCES = Path.of("src/main/python");

  @Test
  void readsTheDeclarationsTheOrchestratorUsedToHardCode() {
    // the shipped five, first; a model added later follows them
    assertThat(PythonCatalog.models().subList(0, 5))
        .extracting(ModelDeclaration::id, m -> m.python().orElseThrow().module(),
            m -> m.python().orElseThrow().imports(), m -> m.colour().orElseThrow(),
            ModelDeclaration::parallelism)
        .containsExactly(
            tuple("py-sequential", "sequential", List.of("requests"), "#1f4e79", Parallelism.ONE),
            tuple("py-threads", "threads", List.of("requests"), "#9c1f21", Parallelism.REQUESTS_POOL),
            tuple("py-gevent", "gevent_pool", List.of("gevent", "requests"), "#2f6f2a", Parallelism.GEVENT_POOL),
            tuple("py-asyncio", "asyncio_aiohttp", List.of("aiohttp"), "#b35806", Parallelism.AIOHTTP_CONNECTOR),
            tuple("py-multiprocessing", "multiprocessing_pool", List.of("requests"), "#6b3a63", Parallelism.PROCESSES));
    assertThat(PythonCatalog.find("py-threads")).get().extracting(ModelDeclaration::description)
        .isEqualTo("ThreadPoolExecutor of blocking requests calls, workers = concurrency");
    assertThat(PythonCatalog.ids()).startsWith("py-sequential, py-threads");
  }

  @Test
  void everyModelDeclaredForPypyHasAVariantAfterTheDeclaredOnes() {
    List<ModelDeclaration> models = PythonCatalog.models();
    assertThat(models.subList(5, 10))
        .extracting(ModelDeclaration::id, m -> m.python().orElseThrow().module(),
            m -> m.python().orElseThrow().implementation(), m -> m.colour().orElseThrow(),
            ModelDeclaration::parallelism)
        .containsExactly(
            tuple("pypy-sequential", "sequential", PythonImplementation.PYPY, "#1f9bb4", Parallelism.ONE),
            tuple("pypy-threads", "threads", PythonImplementation.PYPY, "#c2185b", Parallelism.REQUESTS_POOL),
            tuple("pypy-gevent", "gevent_pool", PythonImplementation.PYPY, "#7f9a1a", Parallelism.GEVENT_POOL),
            tuple("pypy-asyncio", "asyncio_aiohttp", PythonImplementation.PYPY, "#d4a017", Parallelism.AIOHTTP_CONNECTOR),
            tuple("pypy-multiprocessing", "multiprocessing_pool", PythonImplementation.PYPY, "#7b4fc9", Parallelism.PROCESSES));
    assertThat(PythonCatalog.find("pypy-threads")).get().extracting(ModelDeclaration::description)
        .isEqualTo("ThreadPoolExecutor of blocking requests calls, workers = concurrency, on PyPy");
    assertThat(PythonCatalog.find("py-threads").orElseThrow().python().orElseThrow().implementation())
        .isEqualTo(PythonImplementation.CPYTHON);
    assertThat(models.stream().map(ModelDeclaration::colour).flatMap(java.util.Optional::stream))
        .as("every report colour apart").doesNotHaveDuplicates();
  }

  @Test
  void implementationsDefaultToCpythonAndAVariantWithoutItsOwnColourGetsADerivedOne() {
    String entry = """
        {"id": "py-x", "module": "x", "imports": [], "description": "x", "colour": "#1f4e79",
         "parallelism": "one"%s}""";
    assertThat(PythonCatalog.parse("{\"models\": [" + entry.formatted("") + "]}", "m.json"))
        .extracting(ModelDeclaration::id).containsExactly("py-x");
    List<ModelDeclaration> both = PythonCatalog.parse("{\"models\": ["
        + entry.formatted(", \"implementations\": [\"cpython\", \"pypy\"]") + "]}", "m.json");
    assertThat(both).extracting(ModelDeclaration::id).containsExactly("py-x", "pypy-x");
    assertThat(both.get(1).colour()).get().isNotEqualTo("#1f4e79")
        .isEqualTo(PythonCatalog.derivedColour("#1f4e79"));
    assertThat(PythonCatalog.derivedColour("#1f4e79")).as("hue turned 30 degrees, lighter").isEqualTo("#3c3fcd");
    assertThatThrownBy(() -> PythonCatalog.parse("{\"models\": ["
        + entry.formatted(", \"implementations\": [\"pypy\"]") + "]}", "m.json"))
        .hasMessageStartingWith("m.json: models[0] (py-x): field 'implementations': expected a list of"
            + " cpython, pypy holding cpython");
    assertThatThrownBy(() -> PythonCatalog.parse("{\"models\": ["
        + entry.formatted(", \"implementations\": [\"cpython\", \"jython\"]") + "]}", "m.json"))
        .hasMessageContaining("got \"jython\"");
    assertThatThrownBy(() -> PythonCatalog.parse("{\"models\": ["
        + entry.formatted(", \"implementations\": [\"cpython\", \"pypy\"],"
            + " \"implementationColours\": {\"cpython\": \"#000000\"}") + "]}", "m.json"))
        .hasMessageContaining("field 'implementationColours': key 'cpython': cpython's colour is the entry's 'colour'");
    // a declared id that a variant would take is refused, naming both
    String twin = """
        {"id": "pypy-x", "module": "y", "imports": [], "description": "y", "colour": null,
         "parallelism": "one"}""";
    assertThatThrownBy(() -> PythonCatalog.parse("{\"models\": ["
        + entry.formatted(", \"implementations\": [\"cpython\", \"pypy\"]") + ", " + twin + "]}", "m.json"))
        .hasMessage("m.json: id 'pypy-x' (the PyPy variant of x) is declared twice");
  }

  @Test
  void installHintsSayWhereEachInterpreterGetsALibrary() {
    assertThat(PythonCatalog.installHint(List.of("gevent"), PythonImplementation.CPYTHON))
        .startsWith("apt-get install -y python3-gevent");
    assertThat(PythonCatalog.installHint(List.of("gevent"), PythonImplementation.PYPY))
        .isEqualTo("pypy3 -m pip install gevent");
    assertThat(PythonCatalog.installHint(List.of("requests"), PythonImplementation.PYPY))
        .contains("apt-get install -y python3-requests");
  }

  @Test
  void theJarCarriesTheFileAsWritten() throws Exception {
    assertThat(PythonCatalog.parse(Files.readString(SOURCES.resolve(PythonCatalog.DECLARATIONS)), "f"))
        .isEqualTo(PythonCatalog.models());
  }

  @Test
  void everyModelHasItsModuleFile() {
    for (ModelDeclaration model : PythonCatalog.models()) {
      Language.Python python = model.python().orElseThrow();
      assertThat(SOURCES.resolve(PythonCatalog.PACKAGE).resolve(python.module() + ".py")).exists();
    }
    assertThat(PythonCatalog.find("py-asyncio")).isPresent();
    assertThat(PythonCatalog.find("async")).isEmpty();
  }

  @Test
  void aWrongDeclarationNamesTheEntryTheFieldAndWhatWasExpected() {
    String good = """
        {"id": "py-x", "module": "x", "imports": ["requests"], "description": "x",
         "colour": null, "parallelism": "one"}""";
    assertThat(PythonCatalog.parse("{\"models\": [" + good + "]}", "m.json"))
        .singleElement().satisfies(m -> assertThat(m.colour()).isEmpty());
    assertThatThrownBy(() -> PythonCatalog.parse("{\"models\": [" + good.replace("\"one\"", "\"many\"") + "]}", "m.json"))
        .hasMessage("m.json: models[0] (py-x): field 'parallelism': expected one of one, processes,"
            + " client-pool, requests-pool, gevent-pool, aiohttp-connector, got 'many'");
    assertThatThrownBy(() -> PythonCatalog.parse("{\"models\": [" + good.replace("null", "\"blue\"") + "]}", "m.json"))
        .hasMessageStartingWith("m.json: models[0] (py-x): colour: expected #rrggbb");
    assertThatThrownBy(() -> PythonCatalog.parse("{\"models\": [" + good.replace("\"colour\"", "\"color\"") + "]}", "m.json"))
        .hasMessageStartingWith("m.json: models[0] (py-x): unknown field 'color'; expected colour, description");
    assertThatThrownBy(() -> PythonCatalog.parse("{\"models\": [" + good.replace("\"module\": \"x\", ", "") + "]}", "m.json"))
        .hasMessage("m.json: models[0] (py-x): field 'module': expected a string, got nothing");
    assertThatThrownBy(() -> PythonCatalog.parse("{\"models\": [" + good + ", " + good + "]}", "m.json"))
        .hasMessage("m.json: models[1] (py-x): id 'py-x' is declared twice");
    assertThatThrownBy(() -> PythonCatalog.parse("{\"models\": {}}", "m.json"))
        .hasMessage("m.json: field 'models': expected a list of models");
    assertThatThrownBy(() -> PythonCatalog.parse("{\"models\": [", "m.json"))
        .hasMessageStartingWith("m.json: not valid JSON");
  }

  @Test
  void installHintNamesDebianPackages() {
    assertThat(PythonCatalog.installHint(List.of("aiohttp", "gevent")))
        .startsWith("apt-get install -y python3-aiohttp python3-gevent");
  }

  @Test
  void extractsThePackageTheLauncherAndTheDeclarations(@TempDir Path dir) throws Exception {
    List<String> written = PythonSources.extractTo(dir.resolve("python"));
    assertThat(written).contains("run_model.py", "faremark_py/__init__.py", "faremark_py/runner.py",
        "faremark_py/models.json");
    for (ModelDeclaration model : PythonCatalog.models()) {
      assertThat(written).contains("faremark_py/" + model.python().orElseThrow().module() + ".py");
    }
    assertThat(dir.resolve("python/faremark_py/spec.py"))
        .hasSameTextualContentAs(SOURCES.resolve("faremark_py/spec.py"));
    assertThat(dir.resolve("python/faremark_py/models.json"))
        .hasSameTextualContentAs(SOURCES.resolve("faremark_py/models.json"));
  }
}
