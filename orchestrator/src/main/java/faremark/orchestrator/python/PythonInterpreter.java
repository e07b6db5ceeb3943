package faremark.orchestrator.python;

import com.fasterxml.jackson.databind.JsonNode;
import faremark.contract.Json;
import faremark.contract.model.PythonImplementation;
import faremark.workload.python.PythonSources;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * Finds the interpreter each Python implementation's models run on, and asks it which of their
 * libraries load. Candidates, per implementation, in order: its variable alone when set
 * ({@code FAREMARK_PYTHON} for CPython, {@code FAREMARK_PYPY} for PyPy); else its name on the
 * PATH ({@code python3}, {@code pypy3}), then Debian's path ({@code /usr/bin/python3},
 * {@code /usr/bin/pypy3}). The first candidate of the right implementation on which every
 * library loads wins (so a pyenv or venv {@code python3} without them does not hide Debian's,
 * which has them); if none does, the first that runs, with what does not load and why. A
 * discovered interpreter is then used by its real path ({@code sys.executable}), so no shim
 * script (pyenv) sits between the run's cgroup and Python; a variable's value is used exactly as
 * given (it may be a wrapper on purpose, e.g. to pass PyPy's {@code --jit} options).
 *
 * <p>"Loads" is {@code faremark_py/interpreter.py}'s test, run by the candidate itself: an
 * import, and for gevent a hub with its event loop and a zero-length sleep (Debian's gevent
 * imports on PyPy but its loop is built for CPython only).
 */
public final class PythonInterpreter implements PythonProber {
  private final Map<String, String> env;

  /** Discovery from this process's environment. */
  public static final PythonInterpreter SYSTEM = new PythonInterpreter(System.getenv());

  /** Discovery from {@code env} ({@code PATH} and the variables above): tests use their own. */
  public PythonInterpreter(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** The variable naming the interpreter of {@code implementation}. */
  public static String variable(PythonImplementation implementation) {
    return switch (implementation) {
      case CPYTHON -> "FAREMARK_PYTHON";
      case PYPY -> "FAREMARK_PYPY";
    };
  }

  /** The interpreter's command name: {@code python3}, {@code pypy3}. */
  public static String command(PythonImplementation implementation) {
    return switch (implementation) {
      case CPYTHON -> "python3";
      case PYPY -> "pypy3";
    };
  }

  private static String debianPackage(PythonImplementation implementation) {
    return command(implementation);
  }

  /** Probes the candidates for {@code modules}; never throws for a missing or broken Python. */
  @Override
  public PythonProbe probe(PythonImplementation implementation, List<String> modules) {
    String variable = variable(implementation);
    String override = env.get(variable);
    boolean given = override != null && !override.isBlank();
    List<String> candidates = given ? List.of(override) : discovered(implementation);
    List<String> tried = new ArrayList<>();
    PythonProbe first = null;
    for (String candidate : candidates) {
      Optional<PythonProbe> probe = run(implementation, candidate, modules, given);
      if (probe.isEmpty()) {
        tried.add(candidate + " (does not run)");
        continue;
      }
      if (probe.get().implementation() != implementation) {
        tried.add(candidate + " (is " + probe.get().runtime() + ")");
        continue;
      }
      if (probe.get().missing().isEmpty()) {
        return probe.get();
      }
      if (first == null) {
        first = probe.get();
      }
    }
    if (first != null) {
      return first;
    }
    String name = command(implementation);
    return PythonProbe.absent(implementation, given
        ? variable + "=" + override + " is not a " + implementation.runtimeName()
            + " interpreter that runs: " + String.join(", ", tried)
        : "no " + name + " found (tried " + (tried.isEmpty() ? name + " on the PATH, /usr/bin/" + name
            : String.join(", ", tried)) + "); install it (apt-get install -y "
            + debianPackage(implementation) + ") or set " + variable);
  }

  /** {@code <name>} on the PATH, then {@code /usr/bin/<name>}, as absolute paths, no repeats. */
  List<String> discovered(PythonImplementation implementation) {
    String name = command(implementation);
    List<String> out = new ArrayList<>();
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        out.add(p.toString());
        break;
      }
    }
    String debian = "/usr/bin/" + name;
    if (!out.contains(debian)) {
      out.add(debian);
    }
    return out;
  }

  private Optional<PythonProbe> run(PythonImplementation implementation, String python,
      List<String> modules, boolean asGiven) {
    if (python.contains("/") && !Files.isExecutable(Path.of(python))) {
      return Optional.empty();
    }
    List<String> command = new ArrayList<>(List.of(python, "-c", probeScript()));
    command.addAll(modules);
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
      builder.environment().clear();
      builder.environment().putAll(env);
      Process p = builder.start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        return Optional.empty();
      }
      PythonProbe probe = parse(implementation, new String(out, StandardCharsets.UTF_8), modules);
      String executable = probe.executable().orElse("");
      return Optional.of(new PythonProbe(probe.implementation(),
          Optional.of(asGiven || executable.isBlank() ? python : executable), probe.runtime(),
          probe.cacheTag(), probe.modules(), ""));
    } catch (IOException e) {
      return Optional.empty(); // not installed under that name, or not a Python at all
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * {@code interpreter.py}'s answer. Its implementation is the interpreter's own ({@code
   * asked} when it does not say), so a caller can tell a CPython given as PyPy.
   *
   * @throws IOException when the answer is not the probe's JSON
   */
  public static PythonProbe parse(PythonImplementation asked, String json, List<String> modules)
      throws IOException {
    JsonNode node = Json.mapper().readTree(json.strip().lines().reduce((a, b) -> b).orElse("{}"));
    if (node == null || !node.isObject() || !node.path("runtime").isTextual()) {
      throw new IOException("not interpreter.py's answer: " + json.strip());
    }
    PythonImplementation implementation = asked;
    for (PythonImplementation i : PythonImplementation.values()) {
      if (i.id().equals(node.path("implementation").asText())) {
        implementation = i;
      }
    }
    Map<String, PythonProbe.Library> found = new LinkedHashMap<>();
    for (String m : modules) {
      JsonNode v = node.path("modules").path(m);
      found.put(m, v.path("version").isTextual() ? PythonProbe.Library.loads(v.get("version").asText())
          : v.path("missing").asBoolean(false)
              ? PythonProbe.Library.notInstalled(v.path("error").asText("not found"))
              : PythonProbe.Library.broken(v.path("error").asText("did not load")));
    }
    String executable = node.path("executable").asText("");
    return new PythonProbe(implementation, executable.isBlank() ? Optional.empty() : Optional.of(executable),
        node.path("runtime").asText(), node.path("cacheTag").asText(""), found, "");
  }

  /** {@code faremark_py/interpreter.py}, as the jar carries it. */
  public static String probeScript() {
    try {
      return PythonSources.text(PythonSources.INTERPRETER_PROBE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
