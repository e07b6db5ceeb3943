package faremark.orchestrator.scenario;

import java.util.Arrays;
import java.util.List;

/**
 * The order of a sweep's runs. Both go round by round (repetition 1 of every point × model, then
 * repetition 2, ...), so a slow drift of the machine spreads over all points and models.
 */
public enum SweepOrder {
  /** Within a round: every model at point 0, then every model at point 1, ... */
  INTERLEAVED("interleaved"),
  /**
   * Within a round: the point × model pairs in a random order drawn from {@code sweep.seed}, so a
   * drift that follows the position within a round does not line up with the swept value.
   */
  SHUFFLED("shuffled");

  private final String id;

  SweepOrder(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static SweepOrder of(String id) {
    return Arrays.stream(values()).filter(o -> o.id.equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown order " + id));
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(SweepOrder::id).toList();
  }
}
