package faremark.shaper.toxic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannedToxicTest {
  private static final ToxicType<Latency> LATENCY = ToxicCatalog.of(Latency.class);

  @Test
  void attributesAreKeptInToxiproxysOrder() {
    PlannedToxic t = new PlannedToxic("lag", LATENCY, Direction.UPSTREAM, 0.5,
        Map.of("jitter", 5L, "latency", 100L));
    assertThat(t.attributes()).containsExactly(Map.entry("latency", 100L), Map.entry("jitter", 5L));
    assertThat(t.attribute("jitter")).isEqualTo(5);
    assertThatThrownBy(() -> t.attribute("rate")).hasMessage("latency has no attribute rate");
  }

  @Test
  void describeShowsTheUnitsAndAToxicityBelowOne() {
    assertThat(new PlannedToxic("lag", LATENCY, Direction.UPSTREAM, 0.5,
        Map.of("latency", 100L, "jitter", 5L)).describe())
        .isEqualTo("lag: latency upstream latency=100ms jitter=5ms toxicity=0.5");
    assertThat(new PlannedToxic("s", ToxicCatalog.of(Slicer.class), Direction.DOWNSTREAM, 1,
        Map.of("average_size", 64L, "size_variation", 8L, "delay", 250L)).describe())
        .isEqualTo("s: slicer downstream average_size=64B size_variation=8B delay=250us");
    assertThat(PlannedToxic.defaultName(LATENCY, Direction.DOWNSTREAM))
        .isEqualTo("latency_downstream");
  }

  @Test
  void whatToxiproxyCannotTakeIsRefused() {
    assertThatThrownBy(() -> new PlannedToxic("a b", LATENCY, Direction.UPSTREAM, 1,
        Map.of("latency", 1L, "jitter", 0L))).hasMessageContaining("toxic name must match");
    assertThatThrownBy(() -> new PlannedToxic("a", LATENCY, Direction.UPSTREAM, 1.5,
        Map.of("latency", 1L, "jitter", 0L))).hasMessageContaining("toxicity must be within 0..1");
    assertThatThrownBy(() -> new PlannedToxic("a", LATENCY, Direction.UPSTREAM, 1,
        Map.of("latency", 1L)))
        .hasMessage("latency takes exactly [latency, jitter], got [latency]");
    assertThatThrownBy(() -> new PlannedToxic("a", LATENCY, Direction.UPSTREAM, 1,
        Map.of("latency", -1L, "jitter", 0L))).hasMessage("latency.latency must be >= 0, got -1");
  }
}
