package faremark.orchestrator.scenario;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import faremark.orchestrator.scenario.ScenarioException.Problem;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads scenario files. Three passes: {@link SourceMap} finds positions and malformed YAML;
 * Jackson binds the structure strictly (unknown fields and wrong shapes fail, mapped here to
 * messages with field path and line); {@link ScenarioBinder} fills defaults and checks values.
 */
public final class ScenarioLoader {
  private ScenarioLoader() {}

  /**
   * Loads and validates {@code file}. The scenario's name defaults to the file name without
   * {@code .yaml}/{@code .yml}.
   *
   * @throws ScenarioException naming file, field path, line and column, expected and found
   */
  public static Scenario load(Path file) throws ScenarioException {
    return load(file, MachineFacts.UNKNOWN);
  }

  /**
   * As {@link #load(Path)}, also refusing what {@code machine} cannot hold (open files, ports):
   * for a scenario about to run here, not for one read back from results.
   */
  public static Scenario load(Path file, MachineFacts machine) throws ScenarioException {
    String label = file.toString();
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ScenarioException(new Problem(label, "", 0, 0,
          "no such file (scenarios ship in scenarios/, e.g. scenarios/seed.yaml)"));
    } catch (MalformedInputException e) {
      throw new ScenarioException(new Problem(label, "", 0, 0, "not UTF-8 text"));
    } catch (IOException e) {
      String why = Files.isDirectory(file) ? "is a directory; expected a .yaml file" : "cannot read: " + e;
      throw new ScenarioException(new Problem(label, "", 0, 0, why));
    }
    return parse(text, label, Optional.of(file), machine);
  }

  /**
   * Parses scenario YAML given as text; {@code label} names it in messages and gives the default
   * name (its file name without extension).
   */
  public static Scenario parse(String yaml, String label, Optional<Path> source)
      throws ScenarioException {
    return parse(yaml, label, source, MachineFacts.UNKNOWN);
  }

  /** As {@link #parse(String, String, Optional)}, with this machine's limits checked too. */
  public static Scenario parse(String yaml, String label, Optional<Path> source, MachineFacts machine)
      throws ScenarioException {
    SourceMap map = SourceMap.read(ScenarioDocument.YAML_FACTORY, yaml, label);
    ScenarioDocument document;
    try {
      document = ScenarioDocument.YAML.readValue(yaml, ScenarioDocument.class);
    } catch (JacksonException e) {
      throw new ScenarioException(problem(label, map, e));
    }
    return new ScenarioBinder(label, map, machine).bind(document, defaultName(label), source);
  }

  static String defaultName(String label) {
    String name = Path.of(label).getFileName().toString();
    return name.replaceFirst("\\.(yaml|yml|json)$", "");
  }

  /** Fields that would name engines, refused with the way to name them instead. */
  private static final java.util.Set<String> ENGINE_FIELDS = java.util.Set.of(
      "hosts", "dockerHosts", "docker-hosts", "dockerHost", "engines", "docker");

  /** Maps a Jackson binding error to our message: path, position, expected, found. */
  private static Problem problem(String file, SourceMap map, JacksonException e) {
    String path = e instanceof JsonMappingException d ? path(d.getPath()) : "";
    JsonLocation loc = e.getLocation();
    if (path.isEmpty() && loc != null) {
      path = map.pathAt(loc.getLineNr(), loc.getColumnNr()).orElse("");
    }
    Optional<SourceMap.Entry> entry = map.get(path);
    int line = entry.map(SourceMap.Entry::valueLine).orElse(loc == null ? 0 : Math.max(0, loc.getLineNr()));
    int column = entry.map(SourceMap.Entry::valueColumn).orElse(loc == null ? 0 : Math.max(0, loc.getColumnNr()));
    String found = entry.map(SourceMap.Entry::found).orElse(null);

    if (e instanceof UnrecognizedPropertyException u) {
      String field = u.getPropertyName();
      if (ENGINE_FIELDS.contains(field)) {
        // Said apart from a typo: the field is refused on purpose, and the user needs the way.
        return new Problem(file, path, entry.map(SourceMap.Entry::keyLine).orElse(line),
            entry.map(SourceMap.Entry::keyColumn).orElse(column), "'" + field + "': a scenario"
            + " cannot name Docker engines (it travels between people and machines; the engines"
            + " are yours): give them with --docker-hosts or FAREMARK_DOCKER_HOSTS");
      }
      List<String> known = u.getKnownPropertyIds().stream().map(Object::toString).sorted(order(u)).toList();
      String hint = suggestion(field, known).map(s -> " (did you mean '" + s + "'?)").orElse("");
      return new Problem(file, path, entry.map(SourceMap.Entry::keyLine).orElse(line),
          entry.map(SourceMap.Entry::keyColumn).orElse(column),
          "unknown field '" + field + "'" + hint + "; expected one of: " + String.join(", ", known));
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      if (found == null && e instanceof InvalidFormatException f) {
        found = "'" + f.getValue() + "'";
      }
      return new Problem(file, path, line, column,
          "expected " + expected(m.getTargetType()) + "; got " + (found == null ? "something else" : found));
    }
    InputCoercionException c = e instanceof InputCoercionException i ? i
        : e.getCause() instanceof InputCoercionException i ? i : null;
    if (c != null) {
      boolean isLong = c.getTargetType() == long.class || c.getTargetType() == Long.class;
      return new Problem(file, path, line, column, "expected " + expected(c.getTargetType())
          + " of at most " + (isLong ? Long.MAX_VALUE : Integer.MAX_VALUE) + "; got "
          + (found == null ? "a larger number" : found));
    }
    String why = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
    return new Problem(file, path, line, column,
        why.lines().findFirst().orElse(why) + (found == null ? "" : "; got " + found));
  }

  /** Known fields in the order the record declares them, the order of the documentation. */
  private static Comparator<String> order(UnrecognizedPropertyException u) {
    Class<?> type = u.getReferringClass();
    if (type != null && type.isRecord()) {
      List<String> declared = java.util.Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).toList();
      return Comparator.comparingInt(declared::indexOf);
    }
    return Comparator.naturalOrder();
  }

  static String path(List<Reference> refs) {
    StringBuilder b = new StringBuilder();
    for (Reference r : refs) {
      if (r.getFieldName() != null) {
        if (b.length() > 0) {
          b.append('.');
        }
        b.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.toString();
  }

  private static String expected(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == String.class) {
      return "a single value (text or number)";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "a list, e.g. [a, b]";
    }
    if (Map.class.isAssignableFrom(type)) {
      return "a mapping of names to entries";
    }
    if (type.isRecord()) {
      return "a mapping with fields "
          + java.util.Arrays.stream(type.getRecordComponents()).map(c -> c.getName())
              .collect(Collectors.joining(", "));
    }
    return "a " + type.getSimpleName();
  }

  /** A known name close to a mistyped one: same letters ignoring case, or within two edits. */
  static Optional<String> suggestion(String given, List<String> known) {
    return known.stream()
        .filter(k -> k.equalsIgnoreCase(given) || distance(k.toLowerCase(), given.toLowerCase()) <= 2)
        .min(Comparator.comparingInt(k -> distance(k.toLowerCase(), given.toLowerCase())));
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
