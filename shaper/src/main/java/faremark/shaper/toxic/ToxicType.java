package faremark.shaper.toxic;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.ToxicList;
import java.io.IOException;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * One toxic type, declared once: its API type id, its attributes (name, unit, default or
 * required, in Toxiproxy's order), faremark's rule across them, how the shaper builds the toxic
 * from them, and how toxiproxy-java creates it and reads it back. The shaper's API, the
 * orchestrator (scenario binder, network setup) and the compose network setup all read this
 * declaration; none keeps a list of toxics of its own.
 *
 * <p>A toxic's file holds its declaration as a nested {@code Type} class with a public no-argument
 * constructor, registered by one line in {@code META-INF/services/faremark.shaper.toxic.ToxicType}
 * (see {@link ToxicCatalog}); docs/extending.md has the whole recipe. A declaration holds no
 * state, so two instances of the same class are equal.
 *
 * @param <T> the shaper's toxic: a record of the attribute values
 */
public abstract class ToxicType<T extends Toxic> {
  private final String id;
  private final Class<T> toxicClass;
  private final List<Attribute<T>> attributes;

  /**
   * @param id the API's type name, e.g. {@code latency}
   * @param toxicClass the record the shaper runs
   * @param attributes every attribute, in Toxiproxy's order (its JSON order)
   */
  @SafeVarargs
  protected ToxicType(String id, Class<T> toxicClass, Attribute<T>... attributes) {
    if (id == null || !id.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("a toxic type id is lower_snake_case, got '" + id + "'");
    }
    this.id = id;
    this.toxicClass = toxicClass;
    this.attributes = List.of(attributes);
    Set<String> names = new HashSet<>();
    for (Attribute<T> a : this.attributes) {
      if (!names.add(a.name())) {
        throw new IllegalArgumentException(id + " declares attribute " + a.name() + " twice");
      }
    }
  }

  /**
   * One attribute: Toxiproxy's name and unit, its default (empty: a scenario must give it), and
   * how to read it from the shaper's toxic.
   *
   * @param defaultValue Toxiproxy's default, which is what its API gives a toxic created without
   *     the attribute (Go's zero value for all of Toxiproxy's toxics); empty: required in a
   *     scenario, so that a forgotten {@code latency} is an error rather than no latency. The
   *     shaper's API, which must answer as Toxiproxy does, starts a required attribute at 0.
   */
  public record Attribute<T>(
      String name, ToxicUnit unit, OptionalLong defaultValue, ToLongFunction<T> value) {
    /** The value a new toxic starts with in the API. */
    long initial() {
      return defaultValue.orElse(0);
    }
  }

  /** An attribute a scenario must give. */
  protected static <T> Attribute<T> required(String name, ToxicUnit unit, ToLongFunction<T> value) {
    return new Attribute<>(name, unit, OptionalLong.empty(), value);
  }

  /** An attribute with Toxiproxy's default. */
  protected static <T> Attribute<T> optional(
      String name, ToxicUnit unit, long defaultValue, ToLongFunction<T> value) {
    return new Attribute<>(name, unit, OptionalLong.of(defaultValue), value);
  }

  /** What a rule across attributes refuses: the attribute to point at and what was expected. */
  public record Problem(String attribute, String message) {}

  /** Every declared attribute's value, in Toxiproxy's units. */
  public static final class Values {
    private final String type;
    private final Map<String, Long> values;

    private Values(String type, Map<String, Long> values) {
      this.type = type;
      this.values = values;
    }

    public long get(String attribute) {
      Long v = values.get(attribute);
      if (v == null) {
        throw new IllegalArgumentException(
            type + " declares no attribute '" + attribute + "'; it has " + values.keySet());
      }
      return v;
    }
  }

  /** The API's type name, e.g. {@code reset_peer}. */
  public final String id() {
    return id;
  }

  public final Class<T> toxicClass() {
    return toxicClass;
  }

  /** In Toxiproxy's order, which is also the order they are listed and written back. */
  public final List<Attribute<T>> attributes() {
    return attributes;
  }

  public final List<String> attributeNames() {
    return attributes.stream().map(Attribute::name).toList();
  }

  public final Optional<Attribute<T>> attribute(String name) {
    return attributes.stream().filter(a -> a.name().equals(name)).findFirst();
  }

  /** The shaper's toxic with these values. */
  protected abstract T build(Values values);

  /**
   * faremark's rule across this toxic's attributes, for values Toxiproxy takes but that would not
   * mean what a scenario's writer meant (a slicer variation as large as its size). A scenario is
   * refused with the problem at the attribute it names; the API takes any values, as Toxiproxy
   * does. None by default.
   */
  public Optional<Problem> check(Values values) {
    return Optional.empty();
  }

  /**
   * How toxiproxy-java creates this toxic and reads it back. Empty when it cannot: the client
   * (2.1.11) has one typed method per Toxiproxy toxic and nothing generic, so a toxic of the
   * shaper's own can be driven through the API, but a scenario cannot ask for it (the
   * orchestrator drives every proxy with toxiproxy-java) and is refused when it is read.
   */
  public abstract Optional<ToxiproxyJava<T, ?>> toxiproxyJava();

  /** The values as the rule and {@link #build} see them; every declared attribute must be there. */
  public final Values values(Map<String, Long> given) {
    if (!given.keySet().equals(Set.copyOf(attributeNames()))) {
      throw new IllegalArgumentException(
          id + " takes exactly " + attributeNames() + ", got " + given.keySet());
    }
    return new Values(id, Collections.unmodifiableMap(new LinkedHashMap<>(given)));
  }

  /** The shaper's toxic with these values (every declared attribute). */
  public final T of(Map<String, Long> values) {
    return build(values(values));
  }

  /** The toxic's attributes by name, in Toxiproxy's order. */
  public final Map<String, Long> attributesOf(Toxic toxic) {
    T t = toxicClass.cast(toxic);
    Map<String, Long> out = new LinkedHashMap<>();
    for (Attribute<T> a : attributes) {
      out.put(a.name(), a.value().applyAsLong(t));
    }
    return out;
  }

  /** The API: {@code current} with the attributes the request gives (the others are kept). */
  final T update(Toxic current, Attributes json) {
    Map<String, Long> values = new LinkedHashMap<>();
    attributesOf(current).forEach((name, value) -> values.put(name, json.get(name, value)));
    return build(new Values(id, values));
  }

  /** The API: a new toxic from the request's attributes, the others at their initial values. */
  final T create(Attributes json) {
    Map<String, Long> values = new LinkedHashMap<>();
    for (Attribute<T> a : attributes) {
      values.put(a.name(), json.get(a.name(), a.initial()));
    }
    return build(new Values(id, values));
  }

  /**
   * Creates the toxic through toxiproxy-java.
   *
   * @throws IllegalStateException when toxiproxy-java cannot create this type (check {@link
   *     #toxiproxyJava} first)
   */
  public final eu.rekawek.toxiproxy.model.Toxic createWithToxiproxyJava(
      ToxicList toxics, String name, ToxicDirection stream, Map<String, Long> values)
      throws IOException {
    ToxiproxyJava<T, ?> client = toxiproxyJava().orElseThrow(() -> new IllegalStateException(
        "toxiproxy-java cannot create a " + id + " toxic"));
    return client.create().create(toxics, name, stream, of(values));
  }

  /** The attributes of a toxic toxiproxy-java read back, when it is of this type. */
  public final Optional<Map<String, Long>> readWithToxiproxyJava(
      eu.rekawek.toxiproxy.model.Toxic read) {
    return toxiproxyJava()
        .filter(client -> client.clientClass().isInstance(read))
        .map(client -> attributesOf(client.readBack(read)));
  }

  @Override
  public final boolean equals(Object o) {
    return o != null && o.getClass() == getClass();
  }

  @Override
  public final int hashCode() {
    return id.hashCode();
  }

  @Override
  public final String toString() {
    return id;
  }
}
