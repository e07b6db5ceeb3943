package faremark.orchestrator.python;

import faremark.contract.Json;
import faremark.contract.model.Language;
import faremark.contract.model.ModelDeclaration;
import faremark.contract.model.PythonImplementation;
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
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Python side of one experiment, settled once before anything starts: which interpreter runs
 * each implementation's models (CPython's py-*, PyPy's pypy-*), which can run, and why the others
 * cannot. A Python model whose libraries do not load on its interpreter is skipped with the
 * library's own error (printed, and recorded in {@code python.json} next to the results), never
 * crashed; only when nothing at all is left to run is it bad input (exit 2). On the local backend
 * the sources are extracted once per experiment into {@code <results>/python/} (the code that ran
 * is kept with what it measured) and byte-compiled there by each interpreter; in images they are
 * in the image, and {@code python.json} records what the image's interpreters offer.
 */
public final class PythonPlan {
  /** Read beside requests: its transport, whose version changes what a request costs. */
  private static final String URLLIB3 = "urllib3";

  private final Map<PythonImplementation, PythonProbe> probes;
  private final Map<String, String> skipped;
  private final List<String> warnings;
  private final boolean extract;
  private Path sources;
  private final Map<PythonImplementation, Boolean> compiled = new EnumMap<>(PythonImplementation.class);

  private PythonPlan(Map<PythonImplementation, PythonProbe> probes, Map<String, String> skipped,
      boolean extract) {
    this.probes = probes;
    this.skipped = skipped;
    this.warnings = warnings(probes);
    this.extract = extract;
  }

  /** No Python model is asked for. */
  public static PythonPlan none() {
    return new PythonPlan(Map.of(), Map.of(), false);
  }

  /** The local backend's plan: this machine's interpreters; the sources extracted and compiled. */
  public static PythonPlan check(Scenario scenario) {
    return check(scenario, PythonInterpreter.SYSTEM, true);
  }

  /**
   * Probes, per implementation the scenario's Python models need, the interpreter {@code prober}
   * finds, for the libraries of those models.
   *
   * @param extract extract the sources into the results and byte-compile them there (a local
   *     run); false where the interpreters run code of their own (an image's)
   */
  public static PythonPlan check(Scenario scenario, PythonProber prober, boolean extract) {
    Map<PythonImplementation, List<ModelDeclaration>> wanted = new EnumMap<>(PythonImplementation.class);
    for (String id : scenario.models()) {
      Models.find(id).filter(ModelDeclaration::isPython).ifPresent(m ->
          wanted.computeIfAbsent(implementation(m), k -> new ArrayList<>()).add(m));
    }
    Map<PythonImplementation, PythonProbe> probes = new EnumMap<>(PythonImplementation.class);
    Map<String, String> skipped = new LinkedHashMap<>();
    wanted.forEach((implementation, models) -> {
      LinkedHashSet<String> modules = new LinkedHashSet<>();
      models.forEach(m -> modules.addAll(imports(m)));
      if (modules.contains("requests")) {
        modules.add(URLLIB3);
      }
      probes.put(implementation, prober.probe(implementation, List.copyOf(modules)));
    });
    for (String id : scenario.models()) {
      Models.find(id).filter(ModelDeclaration::isPython).ifPresent(m ->
          reason(m, probes.get(implementation(m)), prober.alternative(implementation(m)))
              .ifPresent(r -> skipped.put(m.id(), r)));
    }
    return new PythonPlan(probes, skipped, extract);
  }

  static PythonImplementation implementation(ModelDeclaration model) {
    return model.python().map(Language.Python::implementation).orElseThrow(
        () -> new IllegalArgumentException(model.id() + " is not a Python model"));
  }

  /** Why {@code model} cannot run on what this machine's {@code probe} found; empty when it can. */
  static Optional<String> reason(ModelDeclaration model, PythonProbe probe) {
    return reason(model, probe, PythonInterpreter.SYSTEM.alternative(implementation(model)));
  }

  /**
   * Why {@code model} cannot run on what {@code probe} found; empty when it can.
   *
   * @param alternative what to set for another interpreter ({@link PythonProber#alternative})
   */
  static Optional<String> reason(ModelDeclaration model, PythonProbe probe, String alternative) {
    if (probe.executable().isEmpty()) {
      return Optional.of(probe.problem());
    }
    PythonImplementation implementation = implementation(model);
    String name = PythonInterpreter.command(implementation);
    List<String> notInstalled = new ArrayList<>();
    List<String> brokenNames = new ArrayList<>();
    List<String> broken = new ArrayList<>();
    for (String m : imports(model)) {
      PythonProbe.Library library = probe.modules().get(m);
      if (library == null || library.missing()) {
        notInstalled.add(m);
      } else if (!library.loaded()) {
        brokenNames.add(m);
        broken.add("Python module " + m + " is installed but does not load on " + probe.runtime()
            + " (" + probe.executable().get() + "): " + library.error().orElse("?"));
      }
    }
    List<String> parts = new ArrayList<>(broken);
    if (!notInstalled.isEmpty()) {
      parts.add("Python module" + (notInstalled.size() > 1 ? "s " : " ") + String.join(", ", notInstalled)
          + " not importable by " + probe.executable().get() + "; install: "
          + PythonCatalog.installHint(notInstalled, implementation));
    }
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    String fix = broken.isEmpty()
        ? ", or set " + alternative + " that has " + (notInstalled.size() > 1 ? "them" : "it")
        : "; it needs a build for this interpreter (" + name + " -m pip install "
            + String.join(" ", brokenNames) + "), or set " + alternative + " that has one";
    return Optional.of(String.join("; ", parts) + fix);
  }

  /** Model id → why it cannot run, in scenario order. */
  public Map<String, String> skipped() {
    return Map.copyOf(skipped);
  }

  /** The models of {@code scenario} that can run; empty when none can. */
  public List<String> runnable(List<String> models) {
    return models.stream().filter(m -> !skipped.containsKey(m)).toList();
  }

  /**
   * Where the two interpreters' runs would not be measured on the same footing: different
   * versions of requests (or of urllib3 below it) change what a request costs, so a CPython and
   * a PyPy figure side by side would not compare the interpreters alone.
   */
  static List<String> warnings(Map<PythonImplementation, PythonProbe> probes) {
    PythonProbe cpython = probes.get(PythonImplementation.CPYTHON);
    PythonProbe pypy = probes.get(PythonImplementation.PYPY);
    List<String> out = new ArrayList<>();
    if (cpython == null || pypy == null) {
      return out;
    }
    for (String library : List.of("requests", URLLIB3)) {
      Optional<String> a = cpython.version(library);
      Optional<String> b = pypy.version(library);
      if (a.isPresent() && b.isPresent() && !a.equals(b)) {
        out.add("CPython (" + cpython.executable().orElse("?") + ") loads " + library + " " + a.get()
            + ", PyPy (" + pypy.executable().orElse("?") + ") " + library + " " + b.get()
            + ": the py-* and pypy-* figures differ by the library too; set FAREMARK_PYTHON and"
            + " FAREMARK_PYPY to interpreters that load the same one (Debian's /usr/bin/python3"
            + " and /usr/bin/pypy3 share /usr/lib/python3/dist-packages)");
      }
    }
    return out;
  }

  /** What the plan warns about (also in {@code python.json}). */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /** One line per interpreter, one per warning and one per skipped model. */
  public void report(PrintStream out, PrintStream err) {
    probes.forEach((implementation, p) -> out.println(
        (implementation == PythonImplementation.CPYTHON ? "python: " : implementation.id() + ": ")
            + p.executable().map(e -> e + " (" + p.runtime() + "; " + versions(p) + ")")
                .orElse("none: " + p.problem())));
    warnings.forEach(w -> err.println("warning: " + w));
    skipped.forEach((id, why) -> out.println("skipped " + id + ": " + why));
  }

  private static String versions(PythonProbe p) {
    List<String> parts = new ArrayList<>();
    p.modules().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> parts.add(
        e.getKey() + " " + e.getValue().version().orElse(e.getValue().missing() ? "missing" : "broken")));
    return String.join(", ", parts);
  }

  /**
   * Writes {@code python.json} (each interpreter: executable, version, libraries and why one does
   * not load; warnings; skipped models and why) and, for a local run, extracts the sources into
   * {@code resultsDir/python/} and byte-compiles them with each interpreter. Nothing happens when
   * the experiment has no Python model.
   */
  public void prepare(Path resultsDir) throws IOException {
    if (probes.isEmpty()) {
      return;
    }
    Map<String, Object> record = new LinkedHashMap<>();
    Map<String, Object> interpreters = new LinkedHashMap<>();
    List<String> files = List.of();
    if (extract) {
      sources = resultsDir.resolve(ResultsLayout.PYTHON_SOURCES).toAbsolutePath();
      files = PythonSources.extractTo(sources);
      for (PythonProbe p : probes.values()) {
        if (p.executable().isPresent()) {
          compiled.put(p.implementation(), Compiler.compile(p, sources));
        }
      }
    }
    probes.forEach((implementation, p) -> interpreters.put(implementation.id(), describe(p)));
    record.put("interpreters", interpreters);
    record.put("warnings", warnings);
    record.put("skipped", skipped);
    if (extract) {
      record.put("sources", ResultsLayout.PYTHON_SOURCES + "/");
      record.put("files", files);
    }
    AtomicFiles.writeString(resultsDir.resolve(ResultsLayout.PYTHON),
        Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(record) + "\n");
  }

  private Map<String, Object> describe(PythonProbe p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("executable", p.executable().orElse(null));
    out.put("runtime", p.runtime());
    if (!p.problem().isEmpty()) {
      out.put("problem", p.problem());
    }
    Map<String, Object> modules = new LinkedHashMap<>();
    Map<String, Object> errors = new LinkedHashMap<>();
    p.modules().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      modules.put(e.getKey(), e.getValue().version().orElse(null));
      e.getValue().error().ifPresent(why -> errors.put(e.getKey(), why));
    });
    out.put("modules", modules);
    out.put("errors", errors);
    if (compiled.containsKey(p.implementation())) {
      out.put("byteCode", "__pycache__/*." + p.cacheTag() + ".pyc");
    }
    return out;
  }

  /** The interpreter that runs {@code implementation}'s models; empty when none was found. */
  public Optional<String> executable(PythonImplementation implementation) {
    return Optional.ofNullable(probes.get(implementation)).flatMap(PythonProbe::executable);
  }

  /** Every implementation's interpreter that was found. */
  public Map<PythonImplementation, String> executables() {
    Map<PythonImplementation, String> out = new EnumMap<>(PythonImplementation.class);
    probes.forEach((i, p) -> p.executable().ifPresent(e -> out.put(i, e)));
    return out;
  }

  /**
   * {@code <results>/python/run_model.py}, the launcher of the extracted sources; empty before
   * {@link #prepare(Path)}, for images, or when the experiment has no Python model.
   */
  public Optional<String> launcher() {
    return sources == null || executables().isEmpty()
        ? Optional.empty()
        : Optional.of(sources.resolve(PythonCatalog.LAUNCHER).toString());
  }

  /** Used by {@code faremark models}: whether this machine can run each model, and why not. */
  public static Map<String, Optional<String>> availability() {
    Map<PythonImplementation, LinkedHashSet<String>> modules = new EnumMap<>(PythonImplementation.class);
    Models.python().forEach(m ->
        modules.computeIfAbsent(implementation(m), k -> new LinkedHashSet<>()).addAll(imports(m)));
    Map<PythonImplementation, PythonProbe> probes = new EnumMap<>(PythonImplementation.class);
    modules.forEach((i, ms) -> probes.put(i, PythonInterpreter.SYSTEM.probe(i, List.copyOf(ms))));
    Map<String, Optional<String>> out = new LinkedHashMap<>();
    Models.python().forEach(m -> out.put(m.id(), reason(m, probes.get(implementation(m)))));
    return out;
  }

  private static List<String> imports(ModelDeclaration model) {
    return model.python().orElseThrow(
        () -> new IllegalArgumentException(model.id() + " is not a Python model")).imports();
  }
}
