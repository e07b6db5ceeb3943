package faremark.orchestrator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import faremark.orchestrator.scenario.ScenarioException.Problem;
import faremark.shaper.toxic.Direction;
import faremark.shaper.toxic.Latency;
import faremark.shaper.toxic.PlannedToxic;
import faremark.shaper.toxic.ResetPeer;
import faremark.shaper.toxic.ToxicCatalog;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NetworkBinderTest {
  static Scenario parse(String yaml) throws ScenarioException {
    return ScenarioLoader.parse(yaml, "n.yaml", Optional.empty());
  }

  static List<Problem> problems(String yaml) {
    return catchThrowableOfType(ScenarioException.class, () -> parse(yaml)).problems();
  }

  @Test
  void noNetworkSectionIsAPassThroughProxy() throws Exception {
    Scenario s = parse("job: {days: 3}\n");
    assertThat(s.network()).isEqualTo(Network.NONE);
    assertThat(s.network().meanRoundTrip()).isZero();
    assertThat(s.client().retries()).isZero();
    assertThat(ScenarioLoader.parse(s.toYaml(), "r.yaml", Optional.empty())).isEqualTo(s);
  }

  @Test
  void rttSplitsIntoLatencyOnBothStreamsAndJitterFollows() throws Exception {
    Scenario s = parse("network: {rtt: 201ms, jitter: 11ms}\n");
    List<PlannedToxic> toxics = s.network().toxics();
    assertThat(toxics).extracting(PlannedToxic::name)
        .containsExactly("rtt_upstream", "rtt_downstream");
    assertThat(toxics).extracting(PlannedToxic::type).containsOnly(ToxicCatalog.of(Latency.class));
    assertThat(toxics).extracting(PlannedToxic::stream)
        .containsExactly(Direction.UPSTREAM, Direction.DOWNSTREAM);
    assertThat(toxics.get(0).attributes()).isEqualTo(Map.of("latency", 100L, "jitter", 5L));
    assertThat(toxics.get(1).attributes()).isEqualTo(Map.of("latency", 101L, "jitter", 6L));
    assertThat(s.network().meanRoundTrip()).isEqualTo(Duration.ofMillis(201));
    assertThat(s.network().expandedFrom().asText()).containsExactly(
        Map.entry("rtt", "201ms"), Map.entry("jitter", "11ms"));
  }

  @Test
  void bandwidthIsToxiproxysKilobytesOfAThousandBytes() throws Exception {
    Scenario s = parse("network: {bandwidth: 1MB/s}\n");
    assertThat(s.network().toxics()).extracting(PlannedToxic::name)
        .containsExactly("bandwidth_upstream", "bandwidth_downstream");
    assertThat(s.network().toxics()).allSatisfy(t -> assertThat(t.attribute("rate")).isEqualTo(1000));
    assertThat(parse("network: {bandwidth: 250KB/s}\n").network().toxics().get(0).attribute("rate"))
        .isEqualTo(250);
  }

  @Test
  void aRateThatIsNoWholeNumberOfKilobytesIsRefused() {
    List<Problem> p = problems("network:\n  bandwidth: 1MiB/s\n");
    assertThat(p).singleElement().satisfies(x -> {
      assertThat(x.field()).isEqualTo("network.bandwidth");
      assertThat(x.line()).isEqualTo(2);
      assertThat(x.column()).isEqualTo(14);
      assertThat(x.message()).contains("1 KB = 1000 B").contains("'1MiB/s'").contains("1048.576");
    });
    assertThat(problems("network: {bandwidth: 1MB}\n")).singleElement()
        .satisfies(x -> assertThat(x.message()).contains("/s"));
  }

  @Test
  void toxicsInToxiprosysVocabularyWithDefaultsFilledIn() throws Exception {
    Scenario s = parse("""
        network:
          rtt: 20ms
          toxics:
            - type: reset_peer
              toxicity: 0.1
            - name: stall
              type: timeout
              stream: upstream
              toxicity: 0.05
              attributes: {timeout: 0}
            - type: slicer
              attributes: {average_size: 1KiB, size_variation: 100, delay: 2ms}
            - type: latency
              stream: upstream
              toxicity: 0.5
              attributes: {latency: 40}
        """);
    List<PlannedToxic> t = s.network().toxics();
    assertThat(t).extracting(PlannedToxic::name).containsExactly(
        "rtt_upstream", "rtt_downstream", "reset_peer_downstream", "stall", "slicer_downstream",
        "latency_upstream");
    assertThat(t.get(2)).isEqualTo(new PlannedToxic("reset_peer_downstream",
        ToxicCatalog.of(ResetPeer.class), Direction.DOWNSTREAM, 0.1, Map.of("timeout", 0L)));
    assertThat(t.get(3).stream()).isEqualTo(Direction.UPSTREAM);
    assertThat(t.get(4).attributes()).containsExactly(
        Map.entry("average_size", 1024L), Map.entry("size_variation", 100L), Map.entry("delay", 2000L));
    // 20 ms rtt + half the connections get 40 ms more
    assertThat(s.network().meanRoundTrip()).isEqualTo(Duration.ofMillis(40));
    Scenario back = ScenarioLoader.parse(s.toYaml(), "r.yaml", Optional.empty());
    assertThat(back).isEqualTo(s);
    assertThat(s.toYaml()).contains("expandedFrom:").contains("rtt: 20ms")
        .contains("name: rtt_upstream").contains("toxicity: 0.05");
  }

  @Test
  void badToxicsNameTheFieldTheLineAndWhatWasExpected() {
    List<Problem> p = problems("""
        network:
          rtt: 1.5ms
          toxics:
            - type: latency
            - type: lag
            - type: bandwidth
              stream: sideways
              toxicity: 1.5
              attributes: {rate: -3, burst: 4}
            - type: slicer
              attributes: {average_size: 10, size_variation: 10}
            - type: timeout
              attributes: {timeout: 10s}
            - type: timeout
              attributes: {timeout: 1}
        """);
    assertThat(p).extracting(Problem::field).containsExactly(
        "network.rtt",
        "network.toxics[0]",
        "network.toxics[1].type",
        "network.toxics[2].stream",
        "network.toxics[2].toxicity",
        "network.toxics[2].attributes.rate",
        "network.toxics[2].attributes.burst",
        "network.toxics[3].attributes.size_variation",
        "network.toxics[5]");
    assertThat(p.get(0).message()).contains("whole milliseconds").contains("'1.5ms'");
    assertThat(p.get(0).line()).isEqualTo(2);
    assertThat(p.get(1).message()).contains("latency toxic needs attributes.latency");
    assertThat(p.get(2).message()).contains("[latency, bandwidth, slow_close, timeout, reset_peer, slicer, limit_data]")
        .contains("'lag'");
    assertThat(p.get(3).message()).contains("upstream or downstream").contains("'sideways'");
    assertThat(p.get(4).message()).contains("probability from 0 to 1").contains("'1.5'");
    assertThat(p.get(5).message()).contains("KB/s").contains("'-3'");
    assertThat(p.get(6).message()).contains("unknown attribute 'burst'").contains("rate");
    assertThat(p.get(7).message()).contains("less than average_size");
    assertThat(p.get(8).message()).contains("'timeout_downstream' already exists");
  }

  @Test
  void jitterNeedsAnRttAndExpandedFromIsNotExpandedAgain() throws Exception {
    assertThat(problems("network: {jitter: 5ms}\n")).singleElement()
        .satisfies(x -> assertThat(x.message()).contains("give an rtt too"));
    assertThat(problems("network: {rtt: 10ms, expandedFrom: {rtt: 10ms}}\n")).singleElement()
        .satisfies(x -> assertThat(x.field()).isEqualTo("network.expandedFrom"));
    Scenario recorded = parse("network: {expandedFrom: {rtt: 10ms}}\n");
    assertThat(recorded.network().toxics()).isEmpty();
    assertThat(recorded.network().expandedFrom().rtt()).contains(Duration.ofMillis(10));
  }

  @Test
  void attributesMayCarryTheirOwnUnits() throws Exception {
    Scenario s = parse("""
        network:
          toxics:
            - {type: latency, attributes: {latency: 1s, jitter: 15ms}}
            - {type: limit_data, attributes: {bytes: 8KiB}}
        """);
    assertThat(s.network().toxics().get(0).attributes()).containsExactly(
        Map.entry("latency", 1000L), Map.entry("jitter", 15L));
    assertThat(s.network().toxics().get(1).attribute("bytes")).isEqualTo(8192);
    assertThat(catchThrowableOfType(ScenarioException.class, () -> parse(
        "network: {toxics: [{type: latency, attributes: {latency: 1s, jitter: 1500us}}]}\n"))
        .problems()).singleElement().satisfies(x -> {
          assertThat(x.field()).isEqualTo("network.toxics[0].attributes.jitter");
          assertThat(x.message()).contains("whole number of milliseconds");
        });
  }

  @Test
  void proxyUrlIsAToxiproxyApi() throws Exception {
    Scenario s = parse("network: {proxy: {url: 'http://127.0.0.1:8474'}}\n");
    assertThat(s.network().proxyUrl()).contains(URI.create("http://127.0.0.1:8474"));
    assertThat(ScenarioLoader.parse(s.toYaml(), "r.yaml", Optional.empty())).isEqualTo(s);
    assertThat(problems("network: {proxy: {url: 'ftp://x'}}\n")).singleElement()
        .satisfies(x -> assertThat(x.message()).contains("http://127.0.0.1:8474"));
    assertThat(s.withProxyUrl(Optional.of(URI.create("http://127.0.0.1:9999"))).network().proxyUrl())
        .contains(URI.create("http://127.0.0.1:9999"));
  }

  @Test
  void retriesAreAClientKnobOffByDefault() throws Exception {
    Scenario s = parse("client: {retries: 2}\n");
    assertThat(s.client().retries()).isEqualTo(2);
    assertThat(s.workloadSpec("sequential", URI.create("http://127.0.0.1:1")).retries()).isEqualTo(2);
    assertThat(ScenarioLoader.parse(s.toYaml(), "r.yaml", Optional.empty())).isEqualTo(s);
    assertThat(problems("client: {retries: -1}\n")).singleElement()
        .satisfies(x -> assertThat(x.field()).isEqualTo("client.retries"));
  }
}
