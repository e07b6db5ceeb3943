package faremark.workload.python;

import java.util.List;

/**
 * A Python model as the orchestrator knows it.
 *
 * @param id used everywhere: YAML, CSV, reports ({@code py-threads})
 * @param module the module under {@code faremark_py} that runs it
 * @param imports the libraries it needs; a model whose imports fail is skipped, not crashed
 * @param description what it is, for listings
 */
public record PythonModel(String id, String module, List<String> imports, String description) {
  public PythonModel {
    imports = List.copyOf(imports);
  }

  /** {@code python3 -m faremark_py.<module>}: the module path for {@code -m}. */
  public String moduleName() {
    return PythonCatalog.PACKAGE + "." + module;
  }
}
