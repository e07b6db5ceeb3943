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
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract between faremark and a Toxiproxy server: every call toxiproxy-java offers, and the
 * wire behaviour of every toxic. Subclasses point it at the shaper (always) and at a real Toxiproxy
 * (when one is reachable), so both are held to the same tests. Timing assertions are loose on
 * purpose: the machine may be loaded; precise figures belong to {@code LatencyBenchmark}.
 */
abstract class ToxiproxyContract {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private Upstream echo;
  private ToxiproxyClient client;

  /** Host of the server's API, as this JVM reaches it. */
  abstract String apiHost();

  /** Port of the server's API. */
  abstract int apiPort();

  /** A client for the server under test. */
  ToxiproxyClient newClient() {
    return new ToxiproxyClient(apiHost(), apiPort());
  }

  /** Host the proxies listen on, as the test JVM reaches them. */
  String listenHost() {
    return "127.0.0.1";
  }

  /** The upstream address as the server under test reaches the test JVM. */
  String upstreamHost() {
    return "127.0.0.1";
  }

  @BeforeEach
  void setUp() throws IOException {
    echo = Upstream.echo();
    client = newClient();
  }

  @AfterEach
  void tearDown() throws IOException {
    for (Proxy proxy : client.getProxies()) {
      if (proxy.getName().startsWith("contract-")) {
        proxy.delete();
      }
    }
    echo.close();
  }

  private Proxy newProxy(Upstream upstream) throws IOException {
    return client.createProxy(
        "contract-" + SEQUENCE.incrementAndGet(), listenHost() + ":0",
        upstreamHost() + ":" + upstream.port());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] payload(int size) {
    byte[] data = new byte[size];
    for (int i = 0; i < size; i++) {
      data[i] = (byte) ('a' + i % 26);
    }
    return data;
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  // ---- ToxiproxyClient ----

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
    try (Wire wire = Wire.to(proxy.getListen())) {
      wire.send(bytes("anyone?"));
      assertThat(wire.readToEnd()).isEmpty();
    } catch (SocketException resetIsAlsoClosed) {
      // A client that already sent data may see the close as a reset.
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

  // ---- wire behaviour ----

  @Test
  void downstreamLatencyDelaysTheAnswer() throws IOException {
    Proxy proxy = newProxy(echo);
    proxy.toxics().latency("lat", ToxicDirection.DOWNSTREAM, 300);
    try (Wire wire = Wire.to(proxy.getListen())) {
      long start = System.nanoTime();
      assertThat(wire.send(bytes("ping")).read(4)).isEqualTo(bytes("ping"));
      assertThat(millisSince(start)).isBetween(290L, 3000L);
    }
  }

  @Test
  void upstreamLatencyAppliesToOpenConnectionsToo() throws IOException {
    Proxy proxy = newProxy(echo);
    try (Wire wire = Wire.to(proxy.getListen())) {
      assertThat(wire.send(bytes("a")).read(1)).isEqualTo(bytes("a"));
      proxy.toxics().latency("lat", ToxicDirection.UPSTREAM, 300);
      long start = System.nanoTime();
      assertThat(wire.send(bytes("b")).read(1)).isEqualTo(bytes("b"));
      assertThat(millisSince(start)).isBetween(290L, 3000L);
      proxy.toxics().get("lat").remove();
      start = System.nanoTime();
      assertThat(wire.send(bytes("c")).read(1)).isEqualTo(bytes("c"));
      assertThat(millisSince(start)).isLessThan(250L);
    }
  }

  @Test
  void updatedLatencyAppliesToOpenConnections() throws IOException {
    Proxy proxy = newProxy(echo);
    Latency latency = proxy.toxics().latency("lat", ToxicDirection.DOWNSTREAM, 50);
    try (Wire wire = Wire.to(proxy.getListen())) {
      assertThat(wire.send(bytes("a")).read(1)).isEqualTo(bytes("a"));
      latency.setLatency(400);
      long start = System.nanoTime();
      assertThat(wire.send(bytes("b")).read(1)).isEqualTo(bytes("b"));
      assertThat(millisSince(start)).isBetween(390L, 4000L);
    }
  }

  @Test
  void toxicityZeroNeverApplies() throws IOException {
    Proxy proxy = newProxy(echo);
    proxy.toxics().latency("lat", ToxicDirection.DOWNSTREAM, 2000).setToxicity(0f);
    try (Wire wire = Wire.to(proxy.getListen())) {
      long start = System.nanoTime();
      assertThat(wire.send(bytes("x")).read(1)).isEqualTo(bytes("x"));
      assertThat(millisSince(start)).isLessThan(1500L);
    }
  }

  @Test
  void bandwidthLimitsTheRateInKilobytesPerSecond() throws IOException {
    Proxy proxy = newProxy(echo);
    // 100 KB/s (KB = 1000 bytes) downstream: 60,000 bytes take about 600 ms.
    proxy.toxics().bandwidth("bw", ToxicDirection.DOWNSTREAM, 100);
    byte[] data = payload(60_000);
    try (Wire wire = Wire.to(proxy.getListen())) {
      long start = System.nanoTime();
      wire.send(data);
      assertThat(wire.read(data.length)).isEqualTo(data);
      assertThat(millisSince(start)).isBetween(450L, 5000L);
    }
  }

  @Test
  void slowCloseDelaysTheClose() throws IOException {
    try (Upstream greeter = Upstream.greetAndClose(bytes("hello"))) {
      Proxy proxy = newProxy(greeter);
      proxy.toxics().slowClose("sc", ToxicDirection.DOWNSTREAM, 400);
      try (Wire wire = Wire.to(proxy.getListen())) {
        long start = System.nanoTime();
        assertThat(wire.read(5)).isEqualTo(bytes("hello"));
        assertThat(millisSince(start)).isLessThan(350L);
        assertThat(wire.readToEnd()).isEmpty();
        assertThat(millisSince(start)).isBetween(390L, 4000L);
      }
    }
  }

  @Test
  void timeoutStopsDataAndClosesAfterTheTimeout() throws IOException {
    Proxy proxy = newProxy(echo);
    proxy.toxics().timeout("to", ToxicDirection.DOWNSTREAM, 400);
    try (Wire wire = Wire.to(proxy.getListen())) {
      long start = System.nanoTime();
      wire.send(bytes("lost"));
      try {
        assertThat(wire.readToEnd()).isEmpty();
      } catch (SocketException reset) {
        // Closing with unread data may reach the client as a reset.
      }
      assertThat(millisSince(start)).isBetween(390L, 4000L);
    }
  }

  @Test
  void timeoutZeroHoldsDataUntilRemoved() throws IOException {
    Proxy proxy = newProxy(echo);
    proxy.toxics().timeout("to", ToxicDirection.UPSTREAM, 0);
    try (Wire wire = Wire.to(proxy.getListen())) {
      wire.send(bytes("held"));
      assertThat(wire.quietFor(300)).isTrue();
      proxy.toxics().get("to").remove();
      assertThat(wire.read(4)).isEqualTo(bytes("held"));
    }
  }

  @Test
  void resetPeerResetsTheConnection() throws IOException {
    Proxy proxy = newProxy(echo);
    proxy.toxics().resetPeer("rp", ToxicDirection.UPSTREAM, 0);
    try (Wire wire = Wire.to(proxy.getListen())) {
      wire.send(bytes("x"));
      assertThatThrownBy(wire::readToEnd)
          .isInstanceOf(SocketException.class)
          .hasMessageContaining("reset");
    }
  }

  @Test
  void resetPeerWaitsItsTimeoutAfterFirstData() throws IOException {
    Proxy proxy = newProxy(echo);
    proxy.toxics().resetPeer("rp", ToxicDirection.UPSTREAM, 300);
    try (Wire wire = Wire.to(proxy.getListen())) {
      long start = System.nanoTime();
      wire.send(bytes("x"));
      assertThatThrownBy(wire::readToEnd).isInstanceOf(SocketException.class);
      assertThat(millisSince(start)).isBetween(290L, 4000L);
    }
  }

  @Test
  void withResetPeerPresentAtConnectionStartAnyCloseIsAReset() throws IOException {
    try (Upstream greeter = Upstream.greetAndClose(bytes("hi"))) {
      Proxy proxy = newProxy(greeter);
      // Upstream stream: never triggered here, since the client sends nothing.
      proxy.toxics().resetPeer("rp", ToxicDirection.UPSTREAM, 60_000);
      // On loopback the reset can even beat the end of connect(): either way it is a reset.
      assertThatThrownBy(
              () -> {
                try (Wire wire = Wire.to(proxy.getListen())) {
                  wire.readToEnd();
                }
              })
          .isInstanceOf(SocketException.class)
          .hasMessageContaining("reset");
    }
  }

  @Test
  void limitDataPassesThatManyBytesThenCloses() throws IOException {
    Proxy proxy = newProxy(echo);
    proxy.toxics().limitData("limit", ToxicDirection.DOWNSTREAM, 10);
    try (Wire wire = Wire.to(proxy.getListen())) {
      wire.send(payload(100));
      assertThat(wire.readToEnd()).isEqualTo(Arrays.copyOf(payload(100), 10));
    }
  }

  @Test
  void slicerDeliversTheDataInPiecesWithDelays() throws IOException {
    Proxy proxy = newProxy(echo);
    // 1,000 bytes in pieces of about 100 bytes, 30 ms apart: about 300 ms, reads of <= ~100 bytes.
    proxy.toxics().slicer("slice", ToxicDirection.DOWNSTREAM, 100, 30_000);
    byte[] data = payload(1000);
    try (Wire wire = Wire.to(proxy.getListen())) {
      long start = System.nanoTime();
      wire.send(data);
      List<Integer> sizes = wire.readSizes(data.length);
      assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1000);
      assertThat(sizes.size()).isGreaterThanOrEqualTo(4);
      assertThat(millisSince(start)).isBetween(150L, 5000L);
    }
  }
}
