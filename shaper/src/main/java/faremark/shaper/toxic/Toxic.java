package faremark.shaper.toxic;

import java.util.Map;

/**
 * A toxic's settings, with Toxiproxy's attribute names and units: one small record per toxic, its
 * {@link ToxicType declaration} nested in it and registered in {@link ToxicCatalog}. Not sealed:
 * the registry, not a switch, knows every toxic, so a new one is its own file plus one
 * registration line (and may live in test sources).
 */
public interface Toxic {
  /** The API's type name, e.g. {@code latency}. */
  default String type() {
    return ToxicCatalog.of(getClass()).id();
  }

  /** Attributes in Toxiproxy's JSON order. */
  default Map<String, Long> attributes() {
    return ToxicCatalog.of(getClass()).attributesOf(this);
  }

  /** This toxic's state for one new connection and direction (after a successful toxicity roll). */
  Stage newStage(LinkContext link);
}
