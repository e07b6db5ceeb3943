package faremark.shaper.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannedToxicTest {
  private static List<PlannedToxic> expand(String... network) throws Exception {
    String[] args = new String[6 + network.length];
    System.arraycopy(new String[] {"--api", "http://a:1", "--listen", "b:2", "--upstream", "c:3"}, 0, args, 0, 6);
    System.arraycopy(network, 0, args, 6, network.length);
    return PlannedToxic.expand(((SetupOptions.Run) SetupOptions.parse(args)).options());
  }

  @Test
  void noNetworkIsNoToxics() throws Exception {
    assertThat(expand()).isEmpty();
    assertThat(expand("--rtt", "0ms", "--bandwidth", "none")).isEmpty();
  }

  @Test
  void anOddRoundTripGivesTheSpareMillisecondToTheDownstream() throws Exception {
    assertThat(expand("--rtt", "81ms", "--jitter", "11ms"))
        .containsExactly(
            new PlannedToxic("rtt_upstream", "latency", "upstream", 1.0, Map.of("latency", 40L, "jitter", 5L)),
            new PlannedToxic("rtt_downstream", "latency", "downstream", 1.0, Map.of("latency", 41L, "jitter", 6L)));
  }

  @Test
  void bandwidthLimitsEachDirectionAfterTheLatency() throws Exception {
    List<PlannedToxic> toxics = expand("--bandwidth", "12.5MB/s", "--rtt", "1s");
    assertThat(toxics).extracting(PlannedToxic::name)
        .containsExactly("rtt_upstream", "rtt_downstream", "bandwidth_upstream", "bandwidth_downstream");
    assertThat(toxics.get(2).attributes()).isEqualTo(Map.of("rate", 12_500L));
    assertThat(toxics.get(3).stream()).isEqualTo("downstream");
    assertThat(toxics.get(0).describe()).isEqualTo("rtt_upstream: latency upstream latency=500 jitter=0");
  }
}
