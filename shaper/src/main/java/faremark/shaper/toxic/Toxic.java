package faremark.shaper.toxic;

import java.util.Map;

/**
 * A toxic's type and settings, with Toxiproxy's attribute names and units. One small class per
 * toxic, each registered under its API name in {@link ToxicCatalog}.
 */
public sealed interface Toxic
    permits Latency, Bandwidth, SlowClose, Timeout, ResetPeer, Slicer, LimitData {
  /** The API's type name, e.g. {@code latency}. */
  String type();

  /** Attributes in Toxiproxy's JSON order. */
  Map<String, Long> attributes();

  /** This toxic's state for one new connection and direction (after a successful toxicity roll). */
  Stage newStage(LinkContext link);
}
