package faremark.workload.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonCatalogTest {
  @Test
  void javaCatalogAgreesWithThePythonOne() throws Exception {
    String py = Files.readString(Path.of("src/main/python/faremark_py/catalog.py"));
    Matcher m = Pattern.compile("\\(\"(py-[a-z-]+)\", \"([a-z_]+)\", \\(([^)]*)\\)").matcher(py);
    List<String> fromPython = m.results()
        .map(r -> r.group(1) + " " + r.group(2) + " " + r.group(3).replaceAll("[\"\\s]", "").replaceAll(",$", ""))
        .toList();
    List<String> fromJava = PythonCatalog.models().stream()
        .map(x -> x.id() + " " + x.module() + " " + String.join(",", x.imports()))
        .toList();
    assertThat(fromJava).hasSize(5).isEqualTo(fromPython);
  }

  @Test
  void everyModelHasItsModuleFile() {
    for (PythonModel model : PythonCatalog.models()) {
      assertThat(Path.of("src/main/python/faremark_py", model.module() + ".py")).exists();
      assertThat(model.moduleName()).startsWith("faremark_py.");
    }
    assertThat(PythonCatalog.find("py-asyncio")).isPresent();
    assertThat(PythonCatalog.find("async")).isEmpty();
  }

  @Test
  void installHintNamesDebianPackages() {
    assertThat(PythonCatalog.installHint(List.of("aiohttp", "gevent")))
        .startsWith("apt-get install -y python3-aiohttp python3-gevent");
  }

  @Test
  void extractsThePackageAndTheLauncher(@TempDir Path dir) throws Exception {
    List<String> written = PythonSources.extractTo(dir.resolve("python"));
    assertThat(written).contains("run_model.py", "faremark_py/__init__.py", "faremark_py/runner.py");
    for (PythonModel model : PythonCatalog.models()) {
      assertThat(written).contains("faremark_py/" + model.module() + ".py");
    }
    assertThat(dir.resolve("python/faremark_py/spec.py"))
        .hasSameTextualContentAs(Path.of("src/main/python/faremark_py/spec.py"));
  }
}
