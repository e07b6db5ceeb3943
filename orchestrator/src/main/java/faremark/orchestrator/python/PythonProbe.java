package faremark.orchestrator.python;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a Python interpreter offers the Python models.
 *
 * @param executable the interpreter's real path; empty when none was found
 * @param version e.g. {@code CPython 3.11.2}
 * @param modules each library asked for: its version, or empty when it did not import
 * @param problem why there is no interpreter; empty when there is one
 */
public record PythonProbe(
    Optional<String> executable, String version, Map<String, Optional<String>> modules,
    String problem) {
  public PythonProbe {
    modules = Map.copyOf(modules);
  }

  static PythonProbe absent(String problem) {
    return new PythonProbe(Optional.empty(), "", Map.of(), problem);
  }

  /** Libraries asked for that did not import, sorted. */
  public List<String> missing() {
    return modules.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey)
        .sorted().toList();
  }
}
