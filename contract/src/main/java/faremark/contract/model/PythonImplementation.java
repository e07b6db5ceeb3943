package faremark.contract.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Which Python interpreter runs a Python model. The same module runs on either: a model declared
 * for both in {@code models.json} ({@code implementations}) becomes one model id per interpreter
 * (py-threads on CPython, pypy-threads on PyPy), so one experiment lists both and every table,
 * chart and comparison shows them side by side by id. Ids are the words used in {@code
 * models.json}; {@link #runtimeName()} is what {@code platform.python_implementation()} says.
 */
public enum PythonImplementation {
  /** The reference interpreter: {@code python3}; the ids as declared ({@code py-...}). */
  CPYTHON("cpython", "CPython", "py-"),
  /** PyPy (a JIT and a moving, generational GC): {@code pypy3}; ids {@code pypy-...}. */
  PYPY("pypy", "PyPy", "pypy-");

  private final String id;
  private final String runtimeName;
  private final String idPrefix;

  PythonImplementation(String id, String runtimeName, String idPrefix) {
    this.id = id;
    this.runtimeName = runtimeName;
    this.idPrefix = idPrefix;
  }

  public String id() {
    return id;
  }

  /** {@code CPython} or {@code PyPy}, as the interpreter names itself. */
  public String runtimeName() {
    return runtimeName;
  }

  /**
   * The id of the model declared as {@code declaredId} (its CPython id) on this interpreter:
   * itself on CPython; on PyPy its {@code py-} prefix becomes {@code pypy-} (py-threads →
   * pypy-threads), and an id without that prefix gets {@code pypy-} in front.
   */
  public String modelId(String declaredId) {
    if (this == CPYTHON) {
      return declaredId;
    }
    String stem = declaredId.startsWith(CPYTHON.idPrefix)
        ? declaredId.substring(CPYTHON.idPrefix.length()) : declaredId;
    return idPrefix + stem;
  }

  /**
   * @throws IllegalArgumentException naming the ids it expected
   */
  public static PythonImplementation of(String id) {
    for (PythonImplementation p : values()) {
      if (p.id.equals(id)) {
        return p;
      }
    }
    throw new IllegalArgumentException("expected one of " + ids() + ", got '" + id + "'");
  }

  public static String ids() {
    return Arrays.stream(values()).map(PythonImplementation::id).collect(Collectors.joining(", "));
  }
}
