package faremark.orchestrator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import faremark.orchestrator.scenario.ScenarioDocument.PythonSection;
import faremark.orchestrator.scenario.ScenarioException.Problem;
import java.util.List;

/**
 * Binds the {@code python:} section (kept out of {@link ScenarioBinder}, which is full): fills
 * {@link PythonSettings#DEFAULTS}, checks each value and adds located problems to the binder's
 * list, so they are reported with all the others.
 */
final class PythonSectionBinder {
  private final String file;
  private final SourceMap map;
  private final List<Problem> problems;

  PythonSectionBinder(String file, SourceMap map, List<Problem> problems) {
    this.file = file;
    this.map = map;
    this.problems = problems;
  }

  PythonSettings bind(PythonSection s) {
    PythonSettings d = PythonSettings.DEFAULTS;
    if (s == null) {
      return d;
    }
    int perHost = count("python.aiohttpLimitPerHost", s.aiohttpLimitPerHost(),
        ScenarioDefaults.UNLIMITED, d.aiohttpLimitPerHost());
    int gevent = count("python.geventPoolSize", s.geventPoolSize(), ScenarioDefaults.AUTO,
        d.geventPoolSize());
    String start = d.startMethod();
    if (s.startMethod() != null) {
      if (PythonSettings.START_METHODS.contains(s.startMethod().strip())) {
        start = s.startMethod().strip();
      } else {
        problem("python.startMethod", "expected one of " + String.join(", ", PythonSettings.START_METHODS)
            + "; got " + found("python.startMethod", s.startMethod()));
      }
    }
    boolean block = s.requestsPoolBlock() == null ? d.requestsPoolBlock() : s.requestsPoolBlock();
    return new PythonSettings(perHost, block, gevent, start);
  }

  /** A whole number >= 1, or {@code word} (= 0). */
  private int count(String path, JsonNode node, String word, int dflt) {
    if (node == null || node.isNull()) {
      return dflt;
    }
    if (node.isTextual() && node.asText().strip().equals(word)) {
      return 0;
    }
    if (node.isIntegralNumber() && node.canConvertToInt() && node.intValue() >= 1) {
      return node.intValue();
    }
    problem(path, "expected a whole number >= 1 or " + word + "; got "
        + found(path, node.isValueNode() ? node.asText() : node.isArray() ? "a list" : "a mapping"));
    return dflt;
  }

  private String found(String path, String bound) {
    return map.get(path).map(SourceMap.Entry::found).orElse("'" + bound + "'");
  }

  private void problem(String path, String message) {
    var e = map.get(path);
    problems.add(new Problem(file, path, e.map(SourceMap.Entry::valueLine).orElse(0),
        e.map(SourceMap.Entry::valueColumn).orElse(0), message));
  }
}
