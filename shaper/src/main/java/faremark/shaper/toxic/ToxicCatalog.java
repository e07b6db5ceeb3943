package faremark.shaper.toxic;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Every toxic type, by its API type name: the one registry the shaper's API, the orchestrator
 * and the compose network setup read.
 *
 * <p>A type registers itself with one line, its declaration's class name, in {@code
 * META-INF/services/faremark.shaper.toxic.ToxicType} — Java's {@link ServiceLoader}, rather than
 * a list in this class, so that adding a toxic touches no shared code, a toxic declared in test
 * sources registers the same way from test resources, and the shaded jars merge the files. The
 * order is the files' (Toxiproxy's for the built-in seven), classpath order between files.
 */
public final class ToxicCatalog {
  private static final List<ToxicType<?>> ALL;
  private static final Map<String, ToxicType<?>> BY_ID = new LinkedHashMap<>();
  private static final Map<Class<?>, ToxicType<?>> BY_CLASS = new HashMap<>();

  static {
    ClassLoader loader = ToxicType.class.getClassLoader();
    for (ToxicType<?> type : ServiceLoader.load(ToxicType.class, loader)) {
      ToxicType<?> sameId = BY_ID.putIfAbsent(type.id(), type);
      ToxicType<?> sameClass = BY_CLASS.putIfAbsent(type.toxicClass(), type);
      if (sameId != null || sameClass != null) {
        ToxicType<?> other = sameId != null ? sameId : sameClass;
        throw new IllegalStateException("toxic types " + other.getClass().getName() + " and "
            + type.getClass().getName() + " both declare " + (sameId != null
                ? "the type id '" + type.id() + "'" : type.toxicClass().getName()));
      }
    }
    if (BY_ID.isEmpty()) {
      throw new IllegalStateException("no toxic types registered: META-INF/services/"
          + ToxicType.class.getName() + " is missing from the classpath (a jar built without"
          + " merging service files?)");
    }
    ALL = List.copyOf(BY_ID.values());
  }

  /** The API type names, in registration order. */
  public static final List<String> TYPES = ALL.stream().map(ToxicType::id).toList();

  private ToxicCatalog() {}

  /** Every registered type, in registration order. */
  public static List<ToxicType<?>> all() {
    return ALL;
  }

  public static Optional<ToxicType<?>> find(String id) {
    return Optional.ofNullable(BY_ID.get(id));
  }

  /**
   * The declaration of a toxic class, e.g. {@code of(Latency.class)}.
   *
   * @throws IllegalArgumentException when no registered type runs that class
   */
  @SuppressWarnings("unchecked") // BY_CLASS maps each class to the type declared for it
  public static <T extends Toxic> ToxicType<T> of(Class<T> toxicClass) {
    ToxicType<?> type = BY_CLASS.get(toxicClass);
    if (type == null) {
      throw new IllegalArgumentException(toxicClass.getName() + " is no registered toxic: its"
          + " Type is missing from META-INF/services/" + ToxicType.class.getName());
    }
    return (ToxicType<T>) type;
  }

  /** The type a toxic toxiproxy-java read back is, by its client class. */
  public static Optional<ToxicType<?>> ofToxiproxyJava(eu.rekawek.toxiproxy.model.Toxic read) {
    return ALL.stream()
        .filter(t -> t.toxiproxyJava().map(c -> c.clientClass().isInstance(read)).orElse(false))
        .findFirst();
  }

  /**
   * The API: a new toxic of {@code type} from its attributes (absent ones start at their
   * defaults), or empty for an unknown type.
   */
  public static Optional<Toxic> create(String type, Attributes attributes) {
    return find(type).map(t -> t.create(attributes));
  }

  /** The API: {@code current} with the attributes present in the update applied. */
  public static Toxic update(Toxic current, Attributes attributes) {
    return of(current.getClass()).update(current, attributes);
  }
}
