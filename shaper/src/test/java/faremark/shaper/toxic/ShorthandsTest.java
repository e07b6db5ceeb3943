package faremark.shaper.toxic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The one shorthand expansion, used by scenarios and the compose network setup alike. */
class ShorthandsTest {
  private static List<PlannedToxic> expand(long rttMs, long jitterMs, long rate) {
    return Shorthands.expand(
        rttMs == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(rttMs)),
        Duration.ofMillis(jitterMs),
        rate == 0 ? OptionalLong.empty() : OptionalLong.of(rate));
  }

  @Test
  void noRttAndNoBandwidthIsNoToxics() {
    assertThat(expand(0, 0, 0)).isEmpty();
  }

  @Test
  void anOddRoundTripGivesTheSpareMillisecondToTheDownstream() {
    ToxicType<Latency> latency = ToxicCatalog.of(Latency.class);
    assertThat(expand(81, 11, 0)).containsExactly(
        new PlannedToxic("rtt_upstream", latency, Direction.UPSTREAM, 1,
            Map.of("latency", 40L, "jitter", 5L)),
        new PlannedToxic("rtt_downstream", latency, Direction.DOWNSTREAM, 1,
            Map.of("latency", 41L, "jitter", 6L)));
    assertThat(expand(1, 1, 0)).extracting(t -> t.attributes())
        .containsExactly(Map.of("latency", 0L, "jitter", 0L), Map.of("latency", 1L, "jitter", 1L));
  }

  @Test
  void bandwidthLimitsEachDirectionAfterTheLatency() {
    List<PlannedToxic> toxics = expand(1000, 0, 12_500);
    assertThat(toxics).extracting(PlannedToxic::name)
        .containsExactly(
            "rtt_upstream", "rtt_downstream", "bandwidth_upstream", "bandwidth_downstream");
    assertThat(toxics.subList(2, 4)).allSatisfy(t -> {
      assertThat(t.type()).isEqualTo(ToxicCatalog.of(Bandwidth.class));
      assertThat(t.attributes()).isEqualTo(Map.of("rate", 12_500L));
      assertThat(t.toxicity()).isEqualTo(1.0);
    });
    assertThat(toxics).extracting(PlannedToxic::stream).containsExactly(
        Direction.UPSTREAM, Direction.DOWNSTREAM, Direction.UPSTREAM, Direction.DOWNSTREAM);
    assertThat(expand(0, 0, 1)).extracting(PlannedToxic::name)
        .containsExactly("bandwidth_upstream", "bandwidth_downstream");
  }

  @Test
  void jitterNeedsAnRttAndToxiproxyTakesWholeMilliseconds() {
    assertThatThrownBy(() -> expand(0, 5, 0)).hasMessageContaining("jitter needs an rtt");
    assertThatThrownBy(() -> Shorthands.expand(
            Optional.of(Duration.ofMillis(10)), Duration.ofNanos(1_500_000), OptionalLong.empty()))
        .hasMessageContaining("whole milliseconds").hasMessageContaining("1.5");
  }
}
