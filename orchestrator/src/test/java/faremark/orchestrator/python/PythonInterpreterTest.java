package faremark.orchestrator.python;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.contract.model.PythonImplementation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery per implementation, with fake interpreters (scripts that answer as
 * {@code interpreter.py} would) in a temporary PATH, then the real ones where this machine has
 * them.
 */
class PythonInterpreterTest {
  @TempDir Path bin;

  private Path fake(String name, String implementation, String runtime, String modules) throws Exception {
    Path script = bin.resolve(name);
    // printf is the shell's own: the PATH of these tests holds no cat
    Files.writeString(script, "#!/bin/sh\nprintf '%s\\n' '{\"implementation\": \"" + implementation
        + "\", \"executable\": \"" + script + "\", \"runtime\": \"" + runtime
        + "\", \"cacheTag\": \"x\", \"modules\": {" + modules + "}}'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  @Test
  void pypyIsFoundOnThePathBeforeDebiansPath() throws Exception {
    Path pypy = fake("pypy3", "pypy", "PyPy 7.3.11 (Python 3.9.16)", "\"requests\": {\"version\": \"2.28.1\"}");
    PythonInterpreter finder = new PythonInterpreter(Map.of("PATH", bin.toString()));
    assertThat(finder.discovered(PythonImplementation.PYPY)).containsExactly(pypy.toString(), "/usr/bin/pypy3");
    PythonProbe probe = finder.probe(PythonImplementation.PYPY, List.of("requests"));
    assertThat(probe.executable()).contains(pypy.toString());
    assertThat(probe.runtime()).isEqualTo("PyPy 7.3.11 (Python 3.9.16)");
    assertThat(probe.version("requests")).contains("2.28.1");
    assertThat(probe.missing()).isEmpty();
  }

  @Test
  void theVariableAloneIsUsedExactlyAsGiven() throws Exception {
    Path wrapper = fake("my-pypy", "pypy", "PyPy 7.3.11 (Python 3.9.16)",
        "\"requests\": {\"version\": \"2.28.1\"}, \"gevent\": {\"error\": \"ImportError: no loop\"}");
    PythonProbe probe = new PythonInterpreter(Map.of("PATH", "/nonexistent", "FAREMARK_PYPY", wrapper.toString()))
        .probe(PythonImplementation.PYPY, List.of("requests", "gevent"));
    assertThat(probe.executable()).contains(wrapper.toString());
    assertThat(probe.missing()).containsExactly("gevent");
    assertThat(probe.modules().get("gevent").missing()).as("installed, does not load").isFalse();
    assertThat(probe.modules().get("gevent").error()).contains("ImportError: no loop");
  }

  @Test
  void aCpythonGivenAsPypyIsNotTakenForIt() throws Exception {
    Path cpython = fake("python3", "cpython", "CPython 3.11.2", "");
    PythonProbe probe = new PythonInterpreter(Map.of("PATH", "/nonexistent", "FAREMARK_PYPY", cpython.toString()))
        .probe(PythonImplementation.PYPY, List.of());
    assertThat(probe.executable()).isEmpty();
    assertThat(probe.problem()).contains("FAREMARK_PYPY=" + cpython).contains("is CPython 3.11.2")
        .contains("not a PyPy interpreter");
  }

  @Test
  void noPypyAnywhereSaysHowToGetOne() {
    PythonInterpreter finder = new PythonInterpreter(Map.of("PATH", "/nonexistent"));
    if (Files.isExecutable(Path.of("/usr/bin/pypy3"))) {
      return; // Debian's is found whatever the PATH; the case is tested by the variable above
    }
    assertThat(finder.probe(PythonImplementation.PYPY, List.of("requests")).problem())
        .contains("no pypy3 found").contains("apt-get install -y pypy3").contains("FAREMARK_PYPY");
  }

  @Test
  void theRealPypyLoadsRequestsButNotDebiansGevent() {
    PythonProbe probe = new PythonInterpreter(System.getenv())
        .probe(PythonImplementation.PYPY, List.of("requests", "gevent", "surely_not_a_module_faremark"));
    if (probe.executable().isEmpty()) {
      System.out.println("PythonInterpreterTest: skipped the real PyPy check: " + probe.problem());
      return;
    }
    assertThat(probe.implementation()).isEqualTo(PythonImplementation.PYPY);
    assertThat(probe.runtime()).startsWith("PyPy ");
    assertThat(probe.cacheTag()).startsWith("pypy");
    assertThat(probe.modules().get("surely_not_a_module_faremark").missing()).isTrue();
    PythonProbe.Library gevent = probe.modules().get("gevent");
    if (!gevent.missing() && !gevent.loaded()) {
      // Debian's CPython-only build: imports, then its hub has no loop it can load
      assertThat(gevent.error()).get().asString().contains("gevent");
    }
  }

  @Test
  void theRealCpythonIsFoundAsBefore() {
    PythonProbe probe = PythonInterpreter.SYSTEM.probe(PythonImplementation.CPYTHON, List.of("json"));
    if (probe.executable().isEmpty()) {
      assertThat(probe.problem()).contains("no python3 found");
      return;
    }
    assertThat(probe.runtime()).startsWith("CPython ");
    assertThat(probe.version("json")).isPresent();
  }
}
