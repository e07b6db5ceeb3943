package faremark.workload.python;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import faremark.contract.Json;
import faremark.contract.model.Language;
import faremark.contract.model.ModelDeclaration;
import faremark.contract.model.Parallelism;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
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
      Set.of("id", "module", "imports", "description", "colour", "parallelism");

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
    }
    return List.copyOf(out);
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
