package faremark.shaper.toxic;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One toxic as a client asks a Toxiproxy API for it, in Toxiproxy's own vocabulary and every
 * attribute filled in: a scenario's toxics, the shorthands' expansion ({@link Shorthands}) and
 * the compose network setup's toxics are all these.
 *
 * @param name unique per proxy; defaults to {@code <type>_<stream>} as in Toxiproxy
 * @param type the toxic
 * @param stream the direction it acts on
 * @param toxicity the probability, 0..1, that a connection gets this toxic (Toxiproxy draws it
 *     per connection, not per request: with keep-alive one draw covers many requests)
 * @param attributes every attribute of {@code type} in Toxiproxy's units, in its order
 */
public record PlannedToxic(String name, ToxicType<?> type, Direction stream, double toxicity,
    Map<String, Long> attributes) {
  /** Toxic names end up in Toxiproxy's URL paths. */
  public static final String NAME_PATTERN = "[A-Za-z0-9_.-]+";

  public PlannedToxic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(stream, "stream");
    if (!name.matches(NAME_PATTERN)) {
      throw new IllegalArgumentException("toxic name must match " + NAME_PATTERN + ", got '" + name + "'");
    }
    if (!(toxicity >= 0 && toxicity <= 1)) {
      throw new IllegalArgumentException("toxicity must be within 0..1, got " + toxicity);
    }
    type.values(attributes); // every declared attribute and nothing else
    Map<String, Long> ordered = new LinkedHashMap<>();
    for (String a : type.attributeNames()) {
      long v = attributes.get(a);
      if (v < 0) {
        throw new IllegalArgumentException(type.id() + "." + a + " must be >= 0, got " + v);
      }
      ordered.put(a, v);
    }
    attributes = Collections.unmodifiableMap(ordered);
  }

  /** Toxiproxy's default name for an unnamed toxic. */
  public static String defaultName(ToxicType<?> type, Direction stream) {
    return ToxicSpec.defaultName(type.id(), stream);
  }

  public long attribute(String name) {
    Long v = attributes.get(name);
    if (v == null) {
      throw new IllegalArgumentException(type.id() + " has no attribute " + name);
    }
    return v;
  }

  /** {@code rtt_upstream: latency downstream latency=100ms jitter=5ms toxicity=0.5}. */
  public String describe() {
    String attrs = type.attributes().stream()
        .map(a -> a.name() + "=" + a.unit().format(attributes.get(a.name())))
        .collect(Collectors.joining(" "));
    return name + ": " + type.id() + " " + stream.id() + " " + attrs
        + (toxicity < 1 ? " toxicity=" + toxicity : "");
  }
}
