package faremark.orchestrator.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import eu.rekawek.toxiproxy.ToxiproxyClient;
import faremark.orchestrator.scenario.Network;
import faremark.orchestrator.scenario.Scenario;
import faremark.orchestrator.scenario.ScenarioLoader;
import faremark.shaper.Shaper;
import faremark.shaper.ShaperOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** NetworkShaping against the real shaper: every toxic type goes in and comes back the same. */
class NetworkShapingTest {
  static Network network(String yaml) throws Exception {
    Scenario s = ScenarioLoader.parse(yaml, "n.yaml", Optional.empty());
    return s.network();
  }

  @Test
  void everyToxicTypeIsAppliedWithAllItsAttributesAndToxicity() throws Exception {
    Network network = network("""
        network:
          rtt: 41ms
          jitter: 3ms
          bandwidth: 2MB/s
          toxics:
            - {type: slow_close, stream: upstream, toxicity: 0.25, attributes: {delay: 7}}
            - {type: timeout, toxicity: 0.5, attributes: {timeout: 1500}}
            - {type: reset_peer, stream: upstream, toxicity: 0.75, attributes: {timeout: 20}}
            - {type: slicer, attributes: {average_size: 64, size_variation: 8, delay: 250}}
            - {type: limit_data, stream: upstream, toxicity: 0.125, attributes: {bytes: 1MiB}}
            - {name: extra, type: latency, attributes: {latency: 5}}
        """);
    try (ServerSocket upstream = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        NetworkShaping shaping =
            NetworkShaping.start(network, URI.create("http://127.0.0.1:" + upstream.getLocalPort()), 42)) {
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> toxics = (List<Map<String, Object>>) shaping.record().get("toxics");
      assertThat(toxics).hasSize(network.toxics().size());
      // start() already checked them one by one; spot-check the read-back shape
      assertThat(toxics).anySatisfy(t -> {
        assertThat(t).containsEntry("name", "rtt_downstream").containsEntry("stream", "downstream");
        assertThat(t.get("attributes")).isEqualTo(Map.of("latency", 21L, "jitter", 2L));
      });
      assertThat(toxics).anySatisfy(t -> {
        assertThat(t).containsEntry("name", "slicer_downstream").containsEntry("toxicity", 1.0);
        assertThat(t.get("attributes"))
            .isEqualTo(Map.of("average_size", 64L, "size_variation", 8L, "delay", 250L));
      });
      assertThat(toxics).anySatisfy(t ->
          assertThat(t).containsEntry("name", "limit_data_upstream").containsEntry("toxicity", 0.125));
      assertThat(shaping.target().getHost()).isEqualTo("127.0.0.1");
      assertThat(shaping.target().getPort()).isPositive().isNotEqualTo(upstream.getLocalPort());
      assertThat(shaping.describe()).contains("rtt 41ms").contains("embedded shaper");
    }
  }

  @Test
  void closingRemovesTheProxyButNotAnExternalToxiproxy() throws Exception {
    try (Shaper external = Shaper.start(ShaperOptions.loopbackEphemeral())) {
      int api = external.apiAddress().getPort();
      Network network = network("network: {rtt: 10ms}\n")
          .withProxyUrl(Optional.of(URI.create("http://127.0.0.1:" + api)));
      ToxiproxyClient client = new ToxiproxyClient("127.0.0.1", api);
      int port;
      try (NetworkShaping shaping = NetworkShaping.start(network, URI.create("http://127.0.0.1:9"), 42)) {
        assertThat(client.getProxies()).hasSize(1);
        assertThat(shaping.record()).extractingByKey("api").asString().contains("embedded=false");
        port = shaping.target().getPort();
      }
      assertThat(client.getProxies()).isEmpty();
      assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
      assertThat(client.version()).isNotBlank(); // still running
    }
  }

  @Test
  void severalShapersSharingThePortEachGetTheProxyAndItsToxicsAndAreStoppedTogether()
      throws Exception {
    Network network = network("network: {rtt: 10ms, bandwidth: 2MB/s}\n");
    Shaper first = Shaper.start(ShaperOptions.loopbackEphemeral().withReusePort());
    Shaper second = Shaper.start(ShaperOptions.loopbackEphemeral().withReusePort());
    List<Boolean> stopped = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<ToxiproxyApi> apis = List.of(owned(first, stopped), owned(second, stopped));
    try (ServerSocket upstream = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        NetworkShaping shaping = NetworkShaping.start(network, apis,
            ProxyAddresses.loopback("127.0.0.1:" + upstream.getLocalPort()))) {
      assertThat(shaping.processes()).isEqualTo(2);
      assertThat(shaping.record()).containsEntry("processes", 2).containsKey("apis");
      assertThat(shaping.describe()).contains("2 shaper processes sharing the port");
      for (Shaper s : List.of(first, second)) {
        var proxies = new ToxiproxyClient("127.0.0.1", s.apiAddress().getPort()).getProxies();
        assertThat(proxies).singleElement().satisfies(p -> {
          assertThat(p.getListen()).endsWith(":" + shaping.target().getPort());
          assertThat(p.toxics().getAll()).hasSize(network.toxics().size());
        });
      }
    }
    assertThat(stopped).hasSize(2);
  }

  @Test
  void aSweepsPointReplacesTheToxicsOnEveryProcessAndReadsThemBack() throws Exception {
    Network base = network("""
        network:
          rtt: 10ms
          bandwidth: 2MB/s
          toxics: [{name: cut, type: limit_data, stream: downstream, attributes: {bytes: 100000}}]
        """);
    Network at = base.withRtt(Duration.ofMillis(301));
    Shaper first = Shaper.start(ShaperOptions.loopbackEphemeral().withReusePort());
    Shaper second = Shaper.start(ShaperOptions.loopbackEphemeral().withReusePort());
    List<Boolean> stopped = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (ServerSocket upstream = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        NetworkShaping shaping = NetworkShaping.start(base, List.of(owned(first, stopped),
            owned(second, stopped)), ProxyAddresses.loopback("127.0.0.1:" + upstream.getLocalPort()))) {
      shaping.reshape(at);
      for (Shaper s : List.of(first, second)) {
        var proxy = new ToxiproxyClient("127.0.0.1", s.apiAddress().getPort()).getProxies().get(0);
        // Toxiproxy chains a direction's toxics in the order they were added, and lists them
        // direction by direction: in each, the point's latency first, then bandwidth, then the
        // section's own, as at the start
        assertThat(proxy.toxics().getAll()).extracting(t -> t.getName()).containsExactly(
            "rtt_upstream", "bandwidth_upstream", "rtt_downstream", "bandwidth_downstream", "cut");
        assertThat(((eu.rekawek.toxiproxy.model.toxic.Latency) proxy.toxics().get("rtt_upstream"))
            .getLatency()).isEqualTo(150);
        assertThat(((eu.rekawek.toxiproxy.model.toxic.Latency) proxy.toxics().get("rtt_downstream"))
            .getLatency()).isEqualTo(151);
      }
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> toxics = (List<Map<String, Object>>) shaping.record().get("toxics");
      assertThat(toxics).hasSize(5);
      assertThat(shaping.describe()).contains("rtt 301ms");
      shaping.reshape(base); // and back
      var proxy = new ToxiproxyClient("127.0.0.1", first.apiAddress().getPort()).getProxies().get(0);
      assertThat(((eu.rekawek.toxiproxy.model.toxic.Latency) proxy.toxics().get("rtt_downstream"))
          .getLatency()).isEqualTo(5);
    }
    assertThat(stopped).hasSize(2);
  }

  @Test
  void aSecondShaperThatCannotBeReachedStopsTheFirstAgain() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Shaper first = Shaper.start(ShaperOptions.loopbackEphemeral().withReusePort());
    List<Boolean> stopped = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<ToxiproxyApi> apis = List.of(owned(first, stopped), ToxiproxyApi.owned(
        URI.create("http://127.0.0.1:" + closed), "gone", () -> stopped.add(true)));
    assertThatThrownBy(() -> NetworkShaping.start(network("network: {rtt: 10ms}\n"), apis,
        ProxyAddresses.loopback("127.0.0.1:9")))
        .isInstanceOf(IOException.class).hasMessageContaining("gone (Toxiproxy API at");
    assertThat(stopped).hasSize(2);
  }

  private static ToxiproxyApi owned(Shaper shaper, List<Boolean> stopped) {
    return ToxiproxyApi.owned(URI.create("http://127.0.0.1:" + shaper.apiAddress().getPort()),
        "shaper", () -> {
          shaper.close();
          stopped.add(true);
        });
  }

  @Test
  void anUnreachableToxiproxyIsNamed() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Network network = Network.NONE.withProxyUrl(Optional.of(URI.create("http://127.0.0.1:" + closed)));
    assertThatThrownBy(() -> NetworkShaping.start(network, URI.create("http://127.0.0.1:9"), 42))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cannot reach the Toxiproxy API")
        .hasMessageContaining("http://127.0.0.1:" + closed);
  }

  @Test
  void aToxiproxyThatAcceptsButNeverAnswersFailsTheStartInsteadOfHangingIt() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Network network =
          Network.NONE.withProxyUrl(Optional.of(URI.create("http://127.0.0.1:" + silent.getLocalPort())));
      // The read timeout NetworkShaping sets for toxiproxy-java's connections is 10 s; without
      // it this call would never return, so the preemptive limit turns a hang into a failure.
      assertTimeoutPreemptively(java.time.Duration.ofSeconds(40), () ->
          assertThatThrownBy(() -> NetworkShaping.start(network, URI.create("http://127.0.0.1:9"), 42))
              .isInstanceOf(IOException.class)
              .hasMessageContaining("cannot reach the Toxiproxy API"));
    }
  }

  @Test
  void toxiproxysVersionIsReadAsJsonOrText() {
    assertThat(NetworkShaping.versionText("{\"version\": \"2.12.0\"}\n")).isEqualTo("2.12.0");
    assertThat(NetworkShaping.versionText("2.5.0\n")).isEqualTo("2.5.0");
  }
}
