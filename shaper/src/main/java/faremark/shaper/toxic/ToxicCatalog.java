package faremark.shaper.toxic;

import java.util.List;
import java.util.Optional;

/** Every toxic the shaper knows, by its API type name. */
public final class ToxicCatalog {
  public static final List<String> TYPES =
      List.of(
          Latency.TYPE, Bandwidth.TYPE, SlowClose.TYPE, Timeout.TYPE, ResetPeer.TYPE,
          Slicer.TYPE, LimitData.TYPE);

  private ToxicCatalog() {}

  /** A new toxic of {@code type} from its attributes (absent fields are 0), or empty for an unknown type. */
  public static Optional<Toxic> create(String type, Attributes attributes) {
    Toxic toxic =
        switch (type) {
          case Latency.TYPE -> Latency.from(attributes, new Latency(0, 0));
          case Bandwidth.TYPE -> Bandwidth.from(attributes, new Bandwidth(0));
          case SlowClose.TYPE -> SlowClose.from(attributes, new SlowClose(0));
          case Timeout.TYPE -> Timeout.from(attributes, new Timeout(0));
          case ResetPeer.TYPE -> ResetPeer.from(attributes, new ResetPeer(0));
          case Slicer.TYPE -> Slicer.from(attributes, new Slicer(0, 0, 0));
          case LimitData.TYPE -> LimitData.from(attributes, new LimitData(0));
          default -> null;
        };
    return Optional.ofNullable(toxic);
  }

  /** {@code current} with the attributes present in the update applied. */
  public static Toxic update(Toxic current, Attributes attributes) {
    return switch (current) {
      case Latency latency -> Latency.from(attributes, latency);
      case Bandwidth bandwidth -> Bandwidth.from(attributes, bandwidth);
      case SlowClose slowClose -> SlowClose.from(attributes, slowClose);
      case Timeout timeout -> Timeout.from(attributes, timeout);
      case ResetPeer resetPeer -> ResetPeer.from(attributes, resetPeer);
      case Slicer slicer -> Slicer.from(attributes, slicer);
      case LimitData limitData -> LimitData.from(attributes, limitData);
    };
  }
}
