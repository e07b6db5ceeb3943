package faremark.orchestrator.model;

import faremark.contract.model.ModelDeclaration;
import faremark.workload.JavaModel;
import faremark.workload.JavaModels;
import faremark.workload.python.PythonCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every model faremark can launch by id: the Java models the workload jar's registry finds
 * ({@link JavaModels}: the shipped ones, then any other provider on the class path), then the
 * Python models {@code faremark_py/models.json} declares ({@link PythonCatalog}). The one place
 * the orchestrator asks what a model is — scenarios, estimates, report colours, backends and the
 * CLI read their declarations here instead of testing ids. External models (a scenario's {@code
 * external:}) are not built in and are not listed.
 */
public final class Models {
  private static Map<String, ModelDeclaration> byId;

  private Models() {}

  /**
   * Read on first use and kept; a broken registry is not kept, so every use fails with the same
   * IllegalStateException naming the problem.
   */
  private static synchronized Map<String, ModelDeclaration> byId() {
    if (byId == null) {
      byId = index(JavaModels.declarations(), PythonCatalog.models());
    }
    return byId;
  }

  /**
   * The two lists as one, Java first.
   *
   * @throws IllegalStateException when an id is declared in both languages
   */
  static Map<String, ModelDeclaration> index(List<ModelDeclaration> java, List<ModelDeclaration> python) {
    Map<String, ModelDeclaration> byId = new LinkedHashMap<>();
    for (List<ModelDeclaration> list : List.of(java, python)) {
      for (ModelDeclaration d : list) {
        ModelDeclaration earlier = byId.putIfAbsent(d.id(), d);
        if (earlier != null) {
          throw new IllegalStateException("model id '" + d.id() + "' is declared as a "
              + earlier.language().id() + " model and as a " + d.language().id()
              + " model; ids are unique over both languages (Python ones start with py-)");
        }
      }
    }
    return byId;
  }

  /** Every built-in model, Java first, each language in its registry's order. */
  public static List<ModelDeclaration> all() {
    return List.copyOf(byId().values());
  }

  public static List<ModelDeclaration> java() {
    return all().stream().filter(d -> !d.isPython()).toList();
  }

  public static List<ModelDeclaration> python() {
    return all().stream().filter(ModelDeclaration::isPython).toList();
  }

  public static Optional<ModelDeclaration> find(String id) {
    return Optional.ofNullable(byId().get(id));
  }

  public static boolean contains(String id) {
    return byId().containsKey(id);
  }

  public static boolean isPython(String id) {
    return find(id).map(ModelDeclaration::isPython).orElse(false);
  }

  /** Every built-in id, Java first. */
  public static List<String> ids() {
    return List.copyOf(byId().keySet());
  }

  /** The Java ids: a scenario's models when it names none. */
  public static List<String> javaIds() {
    return java().stream().map(ModelDeclaration::id).toList();
  }

  /**
   * The Java model providers, whose classes a workload JVM must be able to load: the shipped
   * ones live in the workload jar, others wherever they were declared (another jar, test
   * classes).
   */
  public static List<Class<?>> javaProviderClasses() {
    List<Class<?>> out = new ArrayList<>();
    for (JavaModel p : JavaModels.providers()) {
      out.add(p.getClass());
    }
    return out;
  }
}
