package faremark.orchestrator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import faremark.orchestrator.scenario.ScenarioDocument.PythonSection;

/**
 * Binds the {@code python:} section (kept out of {@link ScenarioBinder}, which is full): fills
 * {@link PythonSettings#DEFAULTS}, checks each value and adds located problems to the binder's
 * list, so they are reported with all the others.
 */
final class PythonSectionBinder {
  private final LocatedProblems at;

  PythonSectionBinder(LocatedProblems at) {
    this.at = at;
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
        at.atValue("python.startMethod", "expected one of " + String.join(", ", PythonSettings.START_METHODS)
            + "; got " + at.found("python.startMethod", s.startMethod()));
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
    at.atValue(path, "expected a whole number >= 1 or " + word + "; got "
        + at.found(path, node.isValueNode() ? node.asText() : node.isArray() ? "a list" : "a mapping"));
    return dflt;
  }


}
