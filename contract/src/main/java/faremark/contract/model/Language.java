package faremark.contract.model;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a model is written in, and what launching it needs beyond its id. A Java model is found in
 * the workload JVM by its id ({@code faremark.workload.WorkloadMain} creates it); a Python model
 * is the module {@code faremark_py.<module>}, started through {@code run_model.py}, and is
 * skipped, not crashed, where one of its imports is missing.
 */
public sealed interface Language {

  /** The single Java value: nothing to add, the id is enough to create the model. */
  Java JAVA = new Java();

  /** {@code java} or {@code python}, for listings and messages. */
  String id();

  record Java() implements Language {
    @Override
    public String id() {
      return "java";
    }
  }

  /**
   * @param module the module under {@code faremark_py} that runs the model
   * @param imports the libraries it imports (top-level module names, e.g. {@code aiohttp})
   * @param implementation the interpreter that runs it (the same module runs on each)
   */
  record Python(String module, List<String> imports, PythonImplementation implementation)
      implements Language {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern DOTTED =
        Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    public Python {
      if (module == null || !IDENTIFIER.matcher(module).matches()) {
        throw new IllegalArgumentException(
            "module: expected a Python module name such as threads, got " + quoted(module));
      }
      if (imports == null) {
        throw new IllegalArgumentException("imports: expected a list of module names, got nothing");
      }
      for (String i : imports) {
        if (i == null || !DOTTED.matcher(i).matches()) {
          throw new IllegalArgumentException(
              "imports: expected module names such as aiohttp, got " + quoted(i));
        }
      }
      imports = List.copyOf(imports);
      if (implementation == null) {
        throw new IllegalArgumentException(
            "implementation: expected one of " + PythonImplementation.ids() + ", got nothing");
      }
    }

    /** A model run by CPython, the default interpreter. */
    public Python(String module, List<String> imports) {
      this(module, imports, PythonImplementation.CPYTHON);
    }

    @Override
    public String id() {
      return "python";
    }
  }

  private static String quoted(String s) {
    return s == null ? "nothing" : "'" + s + "'";
  }
}
