package faremark.orchestrator.python;

import com.fasterxml.jackson.databind.JsonNode;
import faremark.contract.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds the {@code python3} the Python models run on and asks it which of their libraries
 * import. Candidates, in order: {@code FAREMARK_PYTHON} alone when set; else {@code python3} on
 * the PATH, then {@code /usr/bin/python3}. The first candidate that imports every library wins
 * (so a pyenv or venv {@code python3} without them does not hide Debian's, which has them); if
 * none does, the first that runs, with what it lacks. A discovered interpreter is then used by
 * its real path ({@code sys.executable}), so no shim script (pyenv) sits between the run's cgroup
 * and Python; {@code FAREMARK_PYTHON} is used exactly as given (it may be a wrapper on purpose).
 */
public final class PythonInterpreter {
  private static final String PROBE =
      "import importlib, json, platform, sys\n"
          + "mods = {}\n"
          + "for m in sys.argv[1:]:\n"
          + "    try:\n"
          + "        mods[m] = getattr(importlib.import_module(m), '__version__', 'unknown')\n"
          + "    except Exception as e:\n"
          + "        mods[m] = None\n"
          + "print(json.dumps({'executable': sys.executable, 'version': platform.python_implementation()"
          + " + ' ' + platform.python_version(), 'modules': mods}))\n";

  private PythonInterpreter() {}

  /** Probes the candidates for {@code modules}; never throws for a missing or broken Python. */
  public static PythonProbe probe(List<String> modules) {
    String override = System.getenv("FAREMARK_PYTHON");
    List<String> candidates =
        override != null && !override.isBlank()
            ? List.of(override)
            : List.of("python3", "/usr/bin/python3");
    List<String> tried = new ArrayList<>();
    PythonProbe first = null;
    for (String candidate : candidates) {
      Optional<PythonProbe> probe = run(candidate, modules, candidate.equals(override));
      if (probe.isEmpty()) {
        tried.add(candidate);
        continue;
      }
      if (probe.get().missing().isEmpty()) {
        return probe.get();
      }
      if (first == null) {
        first = probe.get();
      }
    }
    return first != null
        ? first
        : PythonProbe.absent("no python3 found (tried " + String.join(", ", tried)
            + "); install it (apt-get install -y python3) or set FAREMARK_PYTHON");
  }

  private static Optional<PythonProbe> run(String python, List<String> modules, boolean asGiven) {
    if (python.contains("/") && !Files.isExecutable(Path.of(python))) {
      return Optional.empty();
    }
    List<String> command = new ArrayList<>(List.of(python, "-c", PROBE));
    command.addAll(modules);
    try {
      Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        return Optional.empty();
      }
      JsonNode json = Json.mapper().readTree(new String(out, StandardCharsets.UTF_8));
      Map<String, Optional<String>> found = new LinkedHashMap<>();
      for (String m : modules) {
        JsonNode v = json.path("modules").path(m);
        found.put(m, v.isTextual() ? Optional.of(v.asText()) : Optional.empty());
      }
      String executable = json.path("executable").asText("");
      return Optional.of(new PythonProbe(
          Optional.of(asGiven || executable.isBlank() ? python : executable),
          json.path("version").asText("?"),
          found, ""));
    } catch (IOException e) {
      return Optional.empty(); // not installed under that name
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
