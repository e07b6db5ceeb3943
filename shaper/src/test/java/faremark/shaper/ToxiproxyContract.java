package faremark.shaper;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The contract between faremark and a Toxiproxy server, in two halves: every call toxiproxy-java
 * offers ({@link ToxiproxyApiContract}) and the wire behaviour of every toxic ({@link
 * ToxicWireContract}). This base holds what both need: where the server is, an echo upstream and
 * a client per test. The shaper (always) and a real Toxiproxy (when one is reachable) run both
 * halves, so they are held to the same tests.
 */
abstract class ToxiproxyContract {
  static final AtomicInteger SEQUENCE = new AtomicInteger();

  Upstream echo;
  ToxiproxyClient client;

  /** The server under test. */
  abstract ToxiproxyServer server();

  String apiHost() {
    return server().apiHost();
  }

  int apiPort() {
    return server().apiPort();
  }

  String listenHost() {
    return server().listenHost();
  }

  String upstreamHost() {
    return server().upstreamHost();
  }

  @BeforeEach
  void setUp() throws IOException {
    echo = Upstream.echo();
    client = new ToxiproxyClient(apiHost(), apiPort());
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

  Proxy newProxy(Upstream upstream) throws IOException {
    return client.createProxy(
        "contract-" + SEQUENCE.incrementAndGet(), listenHost() + ":0",
        upstreamHost() + ":" + upstream.port());
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] payload(int size) {
    byte[] data = new byte[size];
    for (int i = 0; i < size; i++) {
      data[i] = (byte) ('a' + i % 26);
    }
    return data;
  }

  static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
