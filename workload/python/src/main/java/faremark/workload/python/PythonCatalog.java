package faremark.workload.python;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import faremark.contract.Json;
import faremark.contract.model.Language;
import faremark.contract.model.ModelDeclaration;
import faremark.contract.model.Parallelism;
import faremark.contract.model.PythonImplementation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Python models as {@code faremark_py/models.json} declares them: the same file the Python
 * side's {@code catalog.py} reads, carried in this jar with the sources ({@link PythonSources}),
 * so there is one list for both languages. Ids carry a {@code py-} prefix by convention, so
 * they read apart from the Java models'; the orchestrator's registry refuses an id used twice.
 *
 * <p>An entry names the interpreters its module runs on ({@code implementations}, default
 * {@code ["cpython"]}); each one beyond CPython gives the same model under another id
 * ({@link PythonImplementation#modelId}: py-threads → pypy-threads) with the same module,
 * imports and parallelism, its description saying the interpreter, and a colour derived from the
 * declared one ({@link #implementationColour}). The declared entries come first, in the file's
 * order, then each other interpreter's, in the same order. Whether a library <em>loads</em> on an
 * interpreter is this machine's business, checked before an experiment starts, not declared.
 */
public final class PythonCatalog {
  /** The Python package holding the models. */
  public static final String PACKAGE = "faremark_py";
  /** The launcher at the root of the extracted sources: {@code python3 run_model.py <id> --spec f}. */
  public static final String LAUNCHER = "run_model.py";
  /** The declarations, relative to the root of the sources. */
  public static final String DECLARATIONS = PACKAGE + "/models.json";

  private static final Set<String> TOP_FIELDS = Set.of("about", "models");
  private static final Set<String> MODEL_FIELDS =
      Set.of("id", "module", "imports", "description", "colour", "parallelism", "implementations",
          "implementationColours");

  /** Debian packages that provide each library (the machine has no PyPI). */
  private static final Map<String, String> DEBIAN_PACKAGES =
      Map.of("requests", "python3-requests", "aiohttp", "python3-aiohttp", "gevent", "python3-gevent");

  private static List<ModelDeclaration> models;

  private PythonCatalog() {}

  /**
   * The declarations, in the file's order.
   *
   * @throws IllegalStateException when {@code models.json} is missing or wrong (the message
   *     names the file, the entry and the field)
   */
  public static synchronized List<ModelDeclaration> models() {
    if (models == null) {
      models = load(); // kept once read; a failed read is tried, and fails alike, at every use
    }
    return models;
  }

  public static Optional<ModelDeclaration> find(String id) {
    return models().stream().filter(m -> m.id().equals(id)).findFirst();
  }

  public static String ids() {
    return models().stream().map(ModelDeclaration::id).collect(Collectors.joining(", "));
  }

  /** How to install a missing library, for the message that skips a model. */
  public static String installHint(List<String> modules) {
    return "apt-get install -y "
        + modules.stream().map(m -> DEBIAN_PACKAGES.getOrDefault(m, "python3-" + m))
            .collect(Collectors.joining(" "))
        + " (or pip install " + String.join(" ", modules) + ")";
  }

  /**
   * How to install a missing library for {@code implementation}. Debian packages libraries for
   * CPython only (its pure-Python ones, such as requests, load on its pypy3 too, from
   * /usr/lib/python3/dist-packages), so for PyPy the first hint is Debian's package where that
   * is pure Python, else PyPy's own pip.
   */
  public static String installHint(List<String> modules, PythonImplementation implementation) {
    if (implementation == PythonImplementation.CPYTHON) {
      return installHint(modules);
    }
    return "pypy3 -m pip install " + String.join(" ", modules)
        + (modules.equals(List.of("requests")) ? " (or apt-get install -y python3-requests:"
            + " Debian's pypy3 loads its pure-Python requests)" : "");
  }

  private static List<ModelDeclaration> load() {
    String resource = "/" + PythonSources.PREFIX + DECLARATIONS;
    try (InputStream in = PythonCatalog.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the class path; rebuild the project");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DECLARATIONS);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * The declarations a {@code models.json} text holds.
   *
   * @param source the file's name, for messages
   * @throws IllegalArgumentException naming {@code source}, the entry and the field, and what
   *     was expected
   */
  public static List<ModelDeclaration> parse(String json, String source) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + ": not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(source + ": expected an object {\"models\": [...]}");
    }
    unknownFields(root, TOP_FIELDS, source);
    JsonNode models = root.get("models");
    if (models == null || !models.isArray()) {
      throw new IllegalArgumentException(source + ": field 'models': expected a list of models");
    }
    List<ModelDeclaration> out = new ArrayList<>();
    Map<PythonImplementation, List<ModelDeclaration>> others = new java.util.EnumMap<>(PythonImplementation.class);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < models.size(); i++) {
      JsonNode m = models.get(i);
      String where = source + ": models[" + i + "]"
          + (m.path("id").isTextual() ? " (" + m.get("id").asText() + ")" : "");
      if (!m.isObject()) {
        throw new IllegalArgumentException(where + ": expected an object, got " + m);
      }
      unknownFields(m, MODEL_FIELDS, where);
      ModelDeclaration d;
      try {
        d = new ModelDeclaration(text(m, "id", where), new Language.Python(text(m, "module", where),
            imports(m, where)), text(m, "description", where), colour(m, where),
            parallelism(m, where));
      } catch (IllegalArgumentException e) {
        if (e.getMessage().startsWith(source)) {
          throw e; // already says where
        }
        // ModelDeclaration names the id before the field; the entry is named here already.
        String id = m.path("id").asText();
        String why = e.getMessage().startsWith(id + ": ") ? e.getMessage().substring(id.length() + 2)
            : e.getMessage();
        throw new IllegalArgumentException(where + ": " + why, e);
      }
      if (!ids.add(d.id())) {
        throw new IllegalArgumentException(where + ": id '" + d.id() + "' is declared twice");
      }
      out.add(d);
      for (PythonImplementation impl : implementations(m, where)) {
        if (impl != PythonImplementation.CPYTHON) {
          others.computeIfAbsent(impl, k -> new ArrayList<>())
              .add(variant(d, impl, implementationColour(m, impl, where)));
        }
      }
    }
    for (List<ModelDeclaration> variants : others.values()) {
      for (ModelDeclaration v : variants) {
        if (!ids.add(v.id())) {
          throw new IllegalArgumentException(source + ": id '" + v.id() + "' (the "
              + v.python().orElseThrow().implementation().runtimeName() + " variant of "
              + v.python().orElseThrow().module() + ") is declared twice");
        }
        out.add(v);
      }
    }
    return List.copyOf(out);
  }

  /** The model {@code declared} (its CPython entry) run by {@code implementation}. */
  static ModelDeclaration variant(ModelDeclaration declared, PythonImplementation implementation,
      Optional<String> colour) {
    Language.Python python = declared.python().orElseThrow();
    return new ModelDeclaration(implementation.modelId(declared.id()),
        new Language.Python(python.module(), python.imports(), implementation),
        declared.description() + ", on " + implementation.runtimeName(),
        colour.or(() -> declared.colour().map(PythonCatalog::derivedColour)), declared.parallelism());
  }

  /**
   * A variant's colour where the entry declares none for it ({@code implementationColours}):
   * the CPython colour's hue turned 30° with its lightness raised to at least 52 %, a neighbour
   * of its twin. The shipped models declare theirs, picked by hand, because no one turn of the
   * hue keeps all five apart from the Java models' colours (which share the CPython hues).
   */
  static String derivedColour(String colour) {
    double[] hsl = Hsl.of(colour);
    return Hsl.hex((hsl[0] + 30.0 / 360) % 1.0, hsl[1], Math.max(hsl[2] + 0.16, 0.52));
  }

  private static Optional<String> implementationColour(JsonNode m, PythonImplementation impl,
      String where) {
    JsonNode colours = m.get("implementationColours");
    if (colours == null || colours.isNull()) {
      return Optional.empty();
    }
    if (!colours.isObject()) {
      throw new IllegalArgumentException(where + ": field 'implementationColours': expected an"
          + " object such as {\"pypy\": \"#1f9bb4\"}, got " + colours);
    }
    for (Iterator<String> names = colours.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      try {
        if (PythonImplementation.of(name) == PythonImplementation.CPYTHON) {
          throw new IllegalArgumentException("cpython's colour is the entry's 'colour'");
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": field 'implementationColours': key '" + name
            + "': " + e.getMessage(), e);
      }
    }
    JsonNode v = colours.get(impl.id());
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException(where + ": field 'implementationColours': " + impl.id()
          + ": expected \"#rrggbb\", got " + v);
    }
    return Optional.of(v.asText());
  }

  private static Set<PythonImplementation> implementations(JsonNode m, String where) {
    JsonNode v = m.get("implementations");
    if (v == null || v.isNull()) {
      return EnumSet.of(PythonImplementation.CPYTHON);
    }
    String expected = where + ": field 'implementations': expected a list of "
        + PythonImplementation.ids() + " holding cpython (the declared id is the CPython model),";
    if (!v.isArray()) {
      throw new IllegalArgumentException(expected + " got " + v);
    }
    Set<PythonImplementation> out = new LinkedHashSet<>();
    for (JsonNode i : v) {
      PythonImplementation impl;
      try {
        impl = PythonImplementation.of(i.isTextual() ? i.asText() : i.toString());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(expected + " got " + i, e);
      }
      if (!out.add(impl)) {
        throw new IllegalArgumentException(expected + " got " + impl.id() + " twice");
      }
    }
    if (!out.contains(PythonImplementation.CPYTHON)) {
      throw new IllegalArgumentException(expected + " got " + v);
    }
    return out;
  }

  private static void unknownFields(JsonNode node, Set<String> known, String where) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new IllegalArgumentException(where + ": unknown field '" + name + "'; expected "
            + known.stream().sorted().collect(Collectors.joining(", ")));
      }
    }
  }

  private static String text(JsonNode m, String field, String where) {
    JsonNode v = m.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException(where + ": field '" + field + "': expected a string, got "
          + (v == null ? "nothing" : v.toString()));
    }
    return v.asText();
  }

  private static List<String> imports(JsonNode m, String where) {
    JsonNode v = m.get("imports");
    List<String> out = new ArrayList<>();
    if (v == null || !v.isArray()) {
      throw new IllegalArgumentException(where + ": field 'imports': expected a list of module"
          + " names such as [\"aiohttp\"], got " + (v == null ? "nothing" : v.toString()));
    }
    for (JsonNode i : v) {
      if (!i.isTextual()) {
        throw new IllegalArgumentException(where + ": field 'imports': expected module names,"
            + " got " + i);
      }
      out.add(i.asText());
    }
    return out;
  }

  private static Optional<String> colour(JsonNode m, String where) {
    JsonNode v = m.get("colour");
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException(where + ": field 'colour': expected \"#rrggbb\" or null,"
          + " got " + v);
    }
    return Optional.of(v.asText());
  }

  private static Parallelism parallelism(JsonNode m, String where) {
    String id = text(m, "parallelism", where);
    try {
      return Parallelism.of(id);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": field 'parallelism': " + e.getMessage(), e);
    }
  }
}
