package faremark.shaper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Bandwidth;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import eu.rekawek.toxiproxy.model.toxic.LimitData;
import eu.rekawek.toxiproxy.model.toxic.ResetPeer;
import eu.rekawek.toxiproxy.model.toxic.Slicer;
import eu.rekawek.toxiproxy.model.toxic.SlowClose;
import eu.rekawek.toxiproxy.model.toxic.Timeout;
import faremark.shaper.toxic.ToxicCatalog;
import faremark.shaper.toxic.ToxicType;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every call toxiproxy-java offers, with the answers and errors a Toxiproxy 2.12 gives. */
abstract class ToxiproxyApiContract extends ToxiproxyContract {
  @Test
  void versionIsAToxiproxy2Version() throws IOException {
    assertThat(client.version()).contains("\"version\"").containsPattern("\"2\\.\\d+\\.\\d+");
    // The constructor that names the protocol reaches the same API.
    assertThat(new ToxiproxyClient("http", apiHost(), apiPort()).version())
        .isEqualTo(client.version());
  }

  @Test
  void createProxyListensOnAFreePortAndForwards() throws IOException {
    Proxy proxy = newProxy(echo);
    assertThat(proxy.getName()).startsWith("contract-");
    assertThat(proxy.getUpstream()).isEqualTo(upstreamHost() + ":" + echo.port());
    assertThat(proxy.isEnabled()).isTrue();
    assertThat(proxy.getListen()).startsWith(listenHost() + ":").doesNotEndWith(":0");
    try (Wire wire = Wire.to(proxy.getListen())) {
      assertThat(wire.send(bytes("ping")).read(4)).isEqualTo(bytes("ping"));
    }
  }

  @Test
  void duplicateProxyNameIsAConflict() throws IOException {
    Proxy proxy = newProxy(echo);
    assertThatThrownBy(() -> client.createProxy(proxy.getName(), listenHost() + ":0", echo.address()))
        .isInstanceOf(IOException.class)
        .hasMessage("[409] proxy already exists");
  }

  @Test
  void getProxyAndGetProxiesShowTheProxy() throws IOException {
    Proxy proxy = newProxy(echo);
    Proxy fetched = client.getProxy(proxy.getName());
    assertThat(fetched.getListen()).isEqualTo(proxy.getListen());
    assertThat(fetched.getUpstream()).isEqualTo(proxy.getUpstream());
    assertThat(client.getProxies()).extracting(Proxy::getName).contains(proxy.getName());
    assertThat(client.getProxyOrNull(proxy.getName())).isNotNull();
  }

  @Test
  void missingProxyIsNotFound() {
    assertThatThrownBy(() -> client.getProxy("contract-missing"))
        .isInstanceOf(IOException.class)
        .hasMessage("[404] proxy not found");
    assertThat(client.getProxyOrNull("contract-missing")).isNull();
  }

  @Test
  void deleteStopsListening() throws IOException {
    Proxy proxy = newProxy(echo);
    String listen = proxy.getListen();
    proxy.delete();
    assertThat(client.getProxyOrNull(proxy.getName())).isNull();
    assertThatThrownBy(() -> Wire.to(listen)).isInstanceOf(ConnectException.class);
  }

  @Test
  void disableRefusesAndClosesConnectionsEnableListensAgain() throws IOException {
    Proxy proxy = newProxy(echo);
    String listen = proxy.getListen();
    try (Wire open = Wire.to(listen)) {
      assertThat(open.send(bytes("a")).read(1)).isEqualTo(bytes("a"));
      proxy.disable();
      assertThat(proxy.isEnabled()).isFalse();
      assertThat(open.readToEnd()).isEmpty();
    } catch (SocketException resetIsAlsoClosed) {
      // Either a FIN or a reset ends the open connection.
    }
    assertThatThrownBy(() -> Wire.to(listen)).isInstanceOf(ConnectException.class);
    proxy.enable();
    assertThat(proxy.isEnabled()).isTrue();
    try (Wire wire = Wire.to(proxy.getListen())) {
      assertThat(wire.send(bytes("b")).read(1)).isEqualTo(bytes("b"));
    }
  }

  @Test
  void setUpstreamAndSetListenTakeEffect() throws IOException {
    Proxy proxy = newProxy(echo);
    try (Upstream greeter = Upstream.greetAndClose(bytes("hello"))) {
      proxy.setUpstream(upstreamHost() + ":" + greeter.port());
      assertThat(proxy.getUpstream()).isEqualTo(upstreamHost() + ":" + greeter.port());
      try (Wire wire = Wire.to(proxy.getListen())) {
        assertThat(wire.readToEnd()).isEqualTo(bytes("hello"));
      }
    }
    String before = proxy.getListen();
    proxy.setListen(listenHost() + ":0");
    assertThat(proxy.getListen()).isNotEqualTo(before).doesNotEndWith(":0");
    assertThat(proxy.isEnabled()).isTrue();
  }

  @Test
  void resetEnablesProxiesAndRemovesToxics() throws IOException {
    Proxy proxy = newProxy(echo);
    proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 1000);
    proxy.disable();
    client.reset();
    Proxy after = client.getProxy(proxy.getName());
    assertThat(after.isEnabled()).isTrue();
    assertThat(after.toxics().getAll()).isEmpty();
    try (Wire wire = Wire.to(after.getListen())) {
      long start = System.nanoTime();
      assertThat(wire.send(bytes("x")).read(1)).isEqualTo(bytes("x"));
      assertThat(millisSince(start)).isLessThan(900);
    }
  }

  @Test
  void unreachableUpstreamClosesTheClient() throws IOException {
    int closedPort;
    try (Upstream gone = Upstream.echo()) {
      closedPort = gone.port();
    }
    Proxy proxy =
        client.createProxy(
            "contract-" + SEQUENCE.incrementAndGet(), listenHost() + ":0",
            upstreamHost() + ":" + closedPort);
    // The proxy accepts (a refused connect would fail here), then closes: with an end of
    // stream, or, since the client already sent data, possibly with a reset. Nothing else.
    try (Wire wire = Wire.to(proxy.getListen())) {
      byte[] answer;
      try {
        answer = wire.send(bytes("anyone?")).readToEnd();
      } catch (SocketException closedHard) {
        assertThat(closedHard.getMessage()).containsAnyOf("reset", "Broken pipe");
        return;
      }
      assertThat(answer).isEmpty();
    }
  }

  // ---- ToxicList and every Toxic ----

  @Test
  void toxicsAreListedFetchedTypedAndRemoved() throws IOException {
    Proxy proxy = newProxy(echo);
    proxy.toxics().latency("lat", ToxicDirection.DOWNSTREAM, 10);
    proxy.toxics().bandwidth("bw", ToxicDirection.UPSTREAM, 1000);
    List<? extends Toxic> all = proxy.toxics().getAll();
    assertThat(all).extracting(Toxic::getName).containsExactly("bw", "lat");
    assertThat(proxy.toxics().get("lat")).isInstanceOf(Latency.class);
    Bandwidth bandwidth = proxy.toxics().get("bw", Bandwidth.class);
    assertThat(bandwidth.getRate()).isEqualTo(1000);
    assertThat(bandwidth.getStream()).isEqualTo(ToxicDirection.UPSTREAM);
    assertThat(bandwidth.getToxicity()).isEqualTo(1.0f);
    assertThatThrownBy(() -> proxy.toxics().get("bw", Latency.class))
        .isInstanceOf(IllegalArgumentException.class);
    proxy.toxics().get("lat").remove();
    assertThat(proxy.toxics().getAll()).extracting(Toxic::getName).containsExactly("bw");
    assertThatThrownBy(() -> proxy.toxics().get("lat"))
        .isInstanceOf(IOException.class)
        .hasMessage("[404] toxic not found");
  }

  @Test
  void duplicateToxicNameIsAConflict() throws IOException {
    Proxy proxy = newProxy(echo);
    proxy.toxics().latency("lat", ToxicDirection.DOWNSTREAM, 10);
    assertThatThrownBy(() -> proxy.toxics().timeout("lat", ToxicDirection.UPSTREAM, 10))
        .isInstanceOf(IOException.class)
        .hasMessage("[409] toxic already exists");
  }

  @Test
  void everyToxicsAttributesRoundTrip() throws IOException {
    Proxy proxy = newProxy(echo);
    var toxics = proxy.toxics();
    Latency latency = toxics.latency("latency", ToxicDirection.DOWNSTREAM, 100).setJitter(7);
    assertThat(latency.getLatency()).isEqualTo(100);
    assertThat(latency.getJitter()).isEqualTo(7);
    assertThat(latency.setLatency(120).getLatency()).isEqualTo(120);
    assertThat(toxics.get("latency", Latency.class).getJitter()).isEqualTo(7);

    Bandwidth bandwidth = toxics.bandwidth("bandwidth", ToxicDirection.UPSTREAM, 50);
    assertThat(bandwidth.setRate(60).getRate()).isEqualTo(60);

    SlowClose slowClose = toxics.slowClose("slow_close", ToxicDirection.DOWNSTREAM, 30);
    assertThat(slowClose.getDelay()).isEqualTo(30);
    assertThat(slowClose.setDelay(40).getDelay()).isEqualTo(40);

    Timeout timeout = toxics.timeout("timeout", ToxicDirection.UPSTREAM, 1000);
    assertThat(timeout.setTimeout(2000).getTimeout()).isEqualTo(2000);

    Slicer slicer = toxics.slicer("slicer", ToxicDirection.DOWNSTREAM, 100, 10);
    assertThat(slicer.getAverageSize()).isEqualTo(100);
    assertThat(slicer.getDelay()).isEqualTo(10);
    assertThat(slicer.getSizeVariation()).isZero();
    slicer.setSizeVariation(5).setAverageSize(90).setDelay(20);
    Slicer fetched = toxics.get("slicer", Slicer.class);
    assertThat(fetched.getAverageSize()).isEqualTo(90);
    assertThat(fetched.getSizeVariation()).isEqualTo(5);
    assertThat(fetched.getDelay()).isEqualTo(20);

    LimitData limit = toxics.limitData("limit_data", ToxicDirection.UPSTREAM, 1000);
    assertThat(limit.setBytes(2000).getBytes()).isEqualTo(2000);

    ResetPeer reset = toxics.resetPeer("reset_peer", ToxicDirection.UPSTREAM, 5000);
    assertThat(reset.setTimeout(6000).getTimeout()).isEqualTo(6000);

    reset.setToxicity(0.5f);
    assertThat(toxics.get("reset_peer").getToxicity()).isEqualTo(0.5f);
    assertThat(toxics.getAll()).hasSize(7);
  }

  /**
   * Each toxic's declaration, which the orchestrator drives proxies with: toxiproxy-java creates
   * the toxic with every attribute set (a different value each, none 0, so that the setters for
   * the attributes the typed call does not take are exercised) and reads back the same values.
   */
  @Test
  void everyDeclaredToxicIsCreatedAndReadBackThroughItsDeclaration() throws IOException {
    Proxy proxy = newProxy(echo);
    Map<String, Map<String, Long>> wanted = new LinkedHashMap<>();
    for (ToxicType<?> type : ToxicCatalog.all()) {
      Map<String, Long> values = new LinkedHashMap<>();
      long v = 1000;
      for (String name : type.attributeNames()) {
        values.put(name, v);
        v -= 111; // falling, so that slicer's size_variation < average_size holds
      }
      type.createWithToxiproxyJava(
          proxy.toxics(), type.id() + "_declared", ToxicDirection.UPSTREAM, values);
      wanted.put(type.id() + "_declared", values);
    }
    Map<String, Map<String, Long>> read = new LinkedHashMap<>();
    for (Toxic t : proxy.toxics().getAll()) {
      ToxicType<?> type = ToxicCatalog.ofToxiproxyJava(t).orElseThrow();
      assertThat(t.getName()).isEqualTo(type.id() + "_declared");
      read.put(t.getName(), type.readWithToxiproxyJava(t).orElseThrow());
    }
    assertThat(read).containsExactlyInAnyOrderEntriesOf(wanted);
    assertThat(read.values()).allSatisfy(values -> assertThat(values).doesNotContainValue(0L));
  }
}
