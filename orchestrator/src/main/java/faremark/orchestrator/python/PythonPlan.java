package faremark.orchestrator.python;

import faremark.contract.Json;
import faremark.contract.model.ModelDeclaration;
import faremark.orchestrator.model.Models;
import faremark.orchestrator.output.AtomicFiles;
import faremark.orchestrator.results.ResultsLayout;
import faremark.orchestrator.scenario.Scenario;
import faremark.workload.python.PythonCatalog;
import faremark.workload.python.PythonSources;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Python side of one experiment, settled once before anything starts: which interpreter,
 * which Python models can run, and why the others cannot. A Python model whose libraries do not
 * import is skipped with its reason (printed, and recorded in {@code python.json} next to the
 * results), never crashed; only when nothing at all is left to run is it bad input (exit 2).
 * The sources are extracted once per experiment into {@code <results>/python/}, so the code that
 * ran is kept with what it measured.
 */
public final class PythonPlan {
  private final Optional<PythonProbe> probe;
  private final Map<String, String> skipped;
  private Path sources;

  private PythonPlan(Optional<PythonProbe> probe, Map<String, String> skipped) {
    this.probe = probe;
    this.skipped = skipped;
  }

  /** No Python on this machine is asked for: the docker backend's image carries its own. */
  public static PythonPlan none() {
    return new PythonPlan(Optional.empty(), Map.of());
  }

  /** Probes Python only when {@code scenario} runs a Python model. */
  public static PythonPlan check(Scenario scenario) {
    List<ModelDeclaration> wanted = scenario.models().stream()
        .flatMap(id -> Models.find(id).filter(ModelDeclaration::isPython).stream()).toList();
    if (wanted.isEmpty()) {
      return new PythonPlan(Optional.empty(), Map.of());
    }
    LinkedHashSet<String> modules = new LinkedHashSet<>();
    wanted.forEach(m -> modules.addAll(imports(m)));
    PythonProbe probe = PythonInterpreter.probe(List.copyOf(modules));
    Map<String, String> skipped = new LinkedHashMap<>();
    for (ModelDeclaration model : wanted) {
      reason(model, probe).ifPresent(r -> skipped.put(model.id(), r));
    }
    return new PythonPlan(Optional.of(probe), skipped);
  }

  static Optional<String> reason(ModelDeclaration model, PythonProbe probe) {
    if (probe.executable().isEmpty()) {
      return Optional.of(probe.problem());
    }
    List<String> missing = imports(model).stream().filter(probe.missing()::contains).toList();
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("Python module" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
        + " not importable by " + probe.executable().get() + "; install: "
        + PythonCatalog.installHint(missing) + ", or set FAREMARK_PYTHON to a python3 that has "
        + (missing.size() > 1 ? "them" : "it"));
  }

  /** Model id → why it cannot run, in scenario order. */
  public Map<String, String> skipped() {
    return Map.copyOf(skipped);
  }

  /** The models of {@code scenario} that can run; empty when none can. */
  public List<String> runnable(List<String> models) {
    return models.stream().filter(m -> !skipped.containsKey(m)).toList();
  }

  /** One line about the interpreter, and one per skipped model. */
  public void report(PrintStream out) {
    probe.ifPresent(p -> out.println("python: " + p.executable().map(e -> e + " (" + p.version()
        + "; " + versions(p) + ")").orElse("none: " + p.problem())));
    skipped.forEach((id, why) -> out.println("skipped " + id + ": " + why));
  }

  private static String versions(PythonProbe p) {
    List<String> parts = new ArrayList<>();
    p.modules().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> parts.add(e.getKey() + " " + e.getValue().orElse("missing")));
    return String.join(", ", parts);
  }

  /**
   * Extracts the sources into {@code resultsDir/python/} and writes {@code python.json}
   * (interpreter, library versions, skipped models and why). Nothing happens when the
   * experiment has no Python model.
   */
  public void prepare(Path resultsDir) throws IOException {
    if (probe.isEmpty()) {
      return;
    }
    sources = resultsDir.resolve(ResultsLayout.PYTHON_SOURCES).toAbsolutePath();
    List<String> files = PythonSources.extractTo(sources);
    compile(probe.get(), sources);
    Map<String, Object> record = new LinkedHashMap<>();
    PythonProbe p = probe.get();
    record.put("executable", p.executable().orElse(null));
    record.put("version", p.version());
    Map<String, Object> modules = new LinkedHashMap<>();
    p.modules().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> modules.put(e.getKey(), e.getValue().orElse(null)));
    record.put("modules", modules);
    record.put("skipped", skipped);
    record.put("sources", ResultsLayout.PYTHON_SOURCES + "/");
    record.put("files", files);
    AtomicFiles.writeString(resultsDir.resolve(ResultsLayout.PYTHON),
        Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(record) + "\n");
  }

  /**
   * Byte-compiles the sources once, here, so that no run pays (in time and memory before its
   * {@code ready}) for compiling them, and the first run of an experiment is like the others.
   */
  private static void compile(PythonProbe probe, Path dir) throws IOException {
    if (probe.executable().isEmpty()) {
      return;
    }
    Process p = new ProcessBuilder(probe.executable().get(), "-m", "compileall", "-q", dir.toString())
        .redirectErrorStream(true).start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        throw new IOException("python3 -m compileall " + dir + " failed: " + output.strip());
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while compiling the Python sources", e);
    }
  }

  /** The interpreter the Python models run on; empty when none was found or none is needed. */
  public Optional<String> executable() {
    return probe.flatMap(PythonProbe::executable);
  }

  /**
   * {@code <results>/python/run_model.py}, the launcher of the extracted sources; empty before
   * {@link #prepare(Path)} or when the experiment has no Python model.
   */
  public Optional<String> launcher() {
    return sources == null || executable().isEmpty()
        ? Optional.empty()
        : Optional.of(sources.resolve(PythonCatalog.LAUNCHER).toString());
  }

  /** Used by {@code faremark models}: whether this machine can run each model, and why not. */
  public static Map<String, Optional<String>> availability() {
    LinkedHashSet<String> modules = new LinkedHashSet<>();
    Models.python().forEach(m -> modules.addAll(imports(m)));
    PythonProbe probe = PythonInterpreter.probe(List.copyOf(modules));
    Map<String, Optional<String>> out = new LinkedHashMap<>();
    Models.python().forEach(m -> out.put(m.id(), reason(m, probe)));
    return out;
  }

  private static List<String> imports(ModelDeclaration model) {
    return model.python().orElseThrow(
        () -> new IllegalArgumentException(model.id() + " is not a Python model")).imports();
  }
}
