package faremark.orchestrator.python;

import faremark.contract.model.PythonImplementation;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one Python interpreter offers the Python models, as {@code faremark_py/interpreter.py}
 * found it.
 *
 * @param implementation the interpreter asked for
 * @param executable the interpreter's path; empty when none was found
 * @param runtime e.g. {@code CPython 3.11.2} or {@code PyPy 7.3.11 (Python 3.9.16)}: the
 *     {@code ready} event's name for it
 * @param cacheTag where it keeps byte code: {@code __pycache__/<module>.<cacheTag>.pyc}
 *     ({@code cpython-311}, {@code pypy39}); empty when unknown
 * @param modules each library asked for and whether it loads
 * @param problem why there is no interpreter; empty when there is one
 */
public record PythonProbe(
    PythonImplementation implementation, Optional<String> executable, String runtime,
    String cacheTag, Map<String, Library> modules, String problem) {
  public PythonProbe {
    modules = Map.copyOf(modules);
  }

  /**
   * One library on one interpreter.
   *
   * @param version its {@code __version__} when it loads
   * @param missing not installed for this interpreter (the module itself was not found)
   * @param error why it does not load: the library's own error, and where it was raised
   */
  public record Library(Optional<String> version, boolean missing, Optional<String> error) {
    public static Library loads(String version) {
      return new Library(Optional.of(version), false, Optional.empty());
    }

    public static Library notInstalled(String error) {
      return new Library(Optional.empty(), true, Optional.of(error));
    }

    public static Library broken(String error) {
      return new Library(Optional.empty(), false, Optional.of(error));
    }

    public boolean loaded() {
      return version.isPresent();
    }
  }

  public static PythonProbe absent(PythonImplementation implementation, String problem) {
    return new PythonProbe(implementation, Optional.empty(), "", "", Map.of(), problem);
  }

  /** Libraries asked for that do not load (missing or broken), sorted. */
  public List<String> missing() {
    return modules.entrySet().stream().filter(e -> !e.getValue().loaded()).map(Map.Entry::getKey)
        .sorted().toList();
  }

  /** The version of {@code module} when it loads here. */
  public Optional<String> version(String module) {
    return Optional.ofNullable(modules.get(module)).flatMap(Library::version);
  }
}
