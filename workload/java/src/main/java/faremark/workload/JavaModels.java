package faremark.workload;

import faremark.contract.WorkloadSpec;
import faremark.contract.model.Language;
import faremark.contract.model.ModelDeclaration;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The registry of Java models: every {@link JavaModel} provider on the class path, read once.
 * Order: the models that come with this jar first, in the order of its services file, then
 * models from other jars or class folders in class path order — so listings, the default
 * {@code models:} of a scenario and messages start with the shipped five whatever else is there.
 */
public final class JavaModels {
  /** The class every Java model is launched through: {@code java -cp … <MAIN_CLASS> --spec f}. */
  public static final String MAIN_CLASS = "faremark.workload.WorkloadMain";

  private static Map<String, JavaModel> byId;

  private JavaModels() {}

  /**
   * Loaded on first use and kept. A failed load is not kept: every use fails with the same
   * IllegalStateException (a static initializer would turn the second into a bare
   * NoClassDefFoundError).
   */
  private static synchronized Map<String, JavaModel> byId() {
    if (byId == null) {
      byId = load();
    }
    return byId;
  }

  /**
   * The providers, in registry order.
   *
   * @throws IllegalStateException when a provider cannot be loaded, is not a Java model, or
   *     repeats another's id (the message names the provider classes)
   */
  public static List<JavaModel> providers() {
    return List.copyOf(byId().values());
  }

  public static List<ModelDeclaration> declarations() {
    return byId().values().stream().map(JavaModel::declaration).toList();
  }

  public static Optional<JavaModel> find(String id) {
    return Optional.ofNullable(byId().get(id));
  }

  /**
   * Whether {@code id} comes with the workload jar itself (so the workload image, which holds
   * only that jar, can run it), rather than from another jar or class folder on the class path.
   */
  public static boolean shipped(String id) {
    return find(id).map(p -> Objects.equals(codeSource(p.getClass()), codeSource(JavaModels.class)))
        .orElse(false);
  }

  /** The ids, comma-separated, for messages. */
  public static String ids() {
    return String.join(", ", byId().keySet());
  }

  /**
   * A model ready to prepare and run the spec, chosen by {@code spec.model()}.
   *
   * @throws IllegalArgumentException for an id no provider declares
   */
  public static WorkloadModel create(WorkloadSpec spec) {
    JavaModel provider = byId().get(spec.model());
    if (provider == null) {
      throw new IllegalArgumentException("unknown model '" + spec.model() + "', expected one of " + ids());
    }
    return provider.create(spec);
  }

  private static Map<String, JavaModel> load() {
    List<JavaModel> found = new ArrayList<>();
    try {
      ServiceLoader.load(JavaModel.class, JavaModels.class.getClassLoader()).forEach(found::add);
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException("a Java model provider listed in META-INF/services/"
          + JavaModel.class.getName() + " cannot be loaded: " + e.getMessage(), e);
    }
    URL home = codeSource(JavaModels.class);
    // List.sort is stable: within each group the services files' order stays.
    found.sort(Comparator.comparing(p -> !Objects.equals(codeSource(p.getClass()), home)));
    return index(found);
  }

  /** Checks the providers and indexes them by id, keeping their order. */
  static Map<String, JavaModel> index(List<JavaModel> providers) {
    Map<String, JavaModel> indexed = new LinkedHashMap<>();
    for (JavaModel p : providers) {
      String name = p.getClass().getName();
      ModelDeclaration d;
      try {
        d = Objects.requireNonNull(p.declaration(), "declaration() returned null");
      } catch (RuntimeException e) {
        throw new IllegalStateException("Java model provider " + name + ": " + e.getMessage(), e);
      }
      if (!(d.language() instanceof Language.Java)) {
        throw new IllegalStateException("Java model provider " + name + " declares '" + d.id()
            + "' as a " + d.language().id() + " model; a JavaModel declares Language.JAVA");
      }
      JavaModel earlier = indexed.putIfAbsent(d.id(), p);
      if (earlier != null) {
        throw new IllegalStateException("model id '" + d.id() + "' is declared twice, by "
            + earlier.getClass().getName() + " and " + name + "; give one of them another id");
      }
    }
    return indexed;
  }

  private static URL codeSource(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    return source == null ? null : source.getLocation();
  }
}
