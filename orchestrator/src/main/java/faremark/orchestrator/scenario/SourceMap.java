package faremark.orchestrator.scenario;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import faremark.orchestrator.scenario.ScenarioException.Problem;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where each field of a YAML document is, by field path ({@code server.serviceTime},
 * {@code models[2]}): the line and column of its key and of its value, and the value as
 * written. Data binding forgets positions; this one streaming pass keeps them so that every
 * error, including our own value checks after binding, can point at its line. The same pass
 * finds malformed YAML, empty files, repeated keys and extra documents.
 */
final class SourceMap {
  /** Positions are 1-based; {@code found} describes the value as written. */
  record Entry(int keyLine, int keyColumn, int valueLine, int valueColumn, String found) {}

  private final Map<String, Entry> entries;

  private SourceMap(Map<String, Entry> entries) {
    this.entries = entries;
  }

  Optional<Entry> get(String path) {
    return Optional.ofNullable(entries.get(path));
  }

  /** The path whose value starts at this position, for parser errors that only know where. */
  Optional<String> pathAt(int line, int column) {
    return entries.entrySet().stream()
        .filter(e -> e.getValue().valueLine() == line && e.getValue().valueColumn() == column)
        .map(Map.Entry::getKey)
        .findFirst();
  }

  static String child(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  private static final class Frame {
    final String path;
    final boolean array;
    int index;
    final Set<String> keys = new HashSet<>();
    String pendingPath;
    JsonLocation pendingKey;

    Frame(String path, boolean array) {
      this.path = path;
      this.array = array;
    }
  }

  /**
   * Reads {@code yaml}; throws on anything that makes binding pointless: not YAML, empty, more
   * than one document, or a key given twice (YAML parsers silently keep the last one).
   */
  static SourceMap read(YAMLFactory factory, String yaml, String file) throws ScenarioException {
    Map<String, Entry> entries = new HashMap<>();
    List<Problem> problems = new ArrayList<>();
    Deque<Frame> stack = new ArrayDeque<>();
    boolean sawRoot = false;
    try (JsonParser p = factory.createParser(yaml)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        Frame top = stack.peek();
        if (t == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          top.pendingPath = child(top.path, name);
          top.pendingKey = p.currentTokenLocation();
          if (!top.keys.add(name)) {
            problems.add(at(file, top.pendingPath, top.pendingKey,
                "the key '" + name + "' is given twice; keep one"));
          }
          continue;
        }
        if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          stack.pop();
          continue;
        }
        JsonLocation value = p.currentTokenLocation();
        String path;
        JsonLocation key;
        if (top == null) {
          if (sawRoot) {
            problems.add(at(file, "", value,
                "expected one YAML document; found another one (remove the extra '---')"));
            break;
          }
          sawRoot = true;
          path = "";
          key = value;
        } else if (top.array) {
          path = top.path + "[" + top.index++ + "]";
          key = value;
        } else {
          path = top.pendingPath;
          key = top.pendingKey;
        }
        entries.putIfAbsent(path, new Entry(key.getLineNr(), key.getColumnNr(),
            value.getLineNr(), value.getColumnNr(), describe(t, p)));
        if (t == JsonToken.START_OBJECT) {
          stack.push(new Frame(path, false));
        } else if (t == JsonToken.START_ARRAY) {
          stack.push(new Frame(path, true));
        }
      }
    } catch (JacksonException e) {
      throw new ScenarioException(malformed(file, e));
    } catch (IOException e) {
      throw new ScenarioException(new Problem(file, "", 0, 0, "cannot read: " + e.getMessage()));
    }
    Entry root = entries.get("");
    if (root == null || root.found().equals(NULL)) {
      problems.add(0, new Problem(file, "", 0, 0,
          "the file is empty; expected a scenario (a mapping with fields such as job, server, "
              + "client, models)"));
    }
    if (!problems.isEmpty()) {
      throw new ScenarioException(problems);
    }
    return new SourceMap(entries);
  }

  private static final String NULL = "nothing (an empty value)";

  static String describe(JsonToken t, JsonParser p) throws IOException {
    return switch (t) {
      case START_OBJECT -> "a mapping";
      case START_ARRAY -> "a list";
      case VALUE_NULL -> NULL;
      default -> "'" + p.getText() + "'";
    };
  }

  private static Problem at(String file, String path, JsonLocation loc, String message) {
    return new Problem(file, path, Math.max(0, loc.getLineNr()), Math.max(0, loc.getColumnNr()),
        message);
  }

  /** SnakeYAML's own wording says what is wrong; we keep its first line and its position. */
  private static Problem malformed(String file, JacksonException e) {
    JsonLocation loc = e.getLocation();
    String message = e.getOriginalMessage();
    Throwable cause = e.getCause();
    if (cause instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblem() != null) {
      message = m.getProblem()
          + (m.getContext() != null ? " (" + m.getContext().strip() + ")" : "");
      if (m.getProblemMark() != null) {
        return new Problem(file, "", m.getProblemMark().getLine() + 1,
            m.getProblemMark().getColumn() + 1, "not valid YAML: " + message);
      }
    }
    String first = message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    return at(file, "", loc == null ? JsonLocation.NA : loc, "not valid YAML: " + first);
  }
}
