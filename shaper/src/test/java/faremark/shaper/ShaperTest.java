package faremark.shaper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShaperTest {
  @Test
  void loopbackEphemeralResolvesAPortAndCloseIsIdempotent() throws IOException {
    Shaper shaper = Shaper.start(ShaperOptions.loopbackEphemeral());
    assertThat(shaper.apiAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(shaper.apiAddress().getPort()).isPositive();
    int port = shaper.apiAddress().getPort();
    shaper.close();
    shaper.close();
    assertThatThrownBy(() -> new Socket("127.0.0.1", port)).isInstanceOf(ConnectException.class);
  }

  @Test
  void closeStopsListenersAndOpenConnections() throws IOException {
    try (Upstream echo = Upstream.echo()) {
      Shaper shaper = Shaper.start(ShaperOptions.loopbackEphemeral());
      ToxiproxyClient client = new ToxiproxyClient("127.0.0.1", shaper.apiAddress().getPort());
      Proxy proxy = client.createProxy("p", "127.0.0.1:0", echo.address());
      try (Wire wire = Wire.to(proxy.getListen())) {
        wire.send(new byte[] {1}).read(1);
        shaper.close();
        try {
          assertThat(wire.readToEnd()).isEmpty();
        } catch (SocketException reset) {
          // Closed either way.
        }
      }
      assertThatThrownBy(() -> Wire.to(proxy.getListen())).isInstanceOf(ConnectException.class);
      await().atMost(Duration.ofSeconds(10))
          .until(() -> Thread.getAllStackTraces().keySet().stream()
              .noneMatch(t -> t.getName().startsWith("shaper-")));
    }
  }

  /**
   * With a seed, the toxicity draws are one repeatable sequence, taken by the connections in the
   * order they start (Toxiproxy's {@code -seed}): a limit_data of 0 bytes at toxicity 0.5 closes
   * exactly the same ones of 24 sequential connections on two shapers with the same seed.
   */
  @Test
  void aSeedMakesTheToxicityDrawsRepeatable() throws IOException {
    List<Boolean> first = closedBySeededToxic(7);
    assertThat(closedBySeededToxic(7)).isEqualTo(first);
    assertThat(first).contains(true, false); // a real mix, not a toxicity of 0 or 1
  }

  private static List<Boolean> closedBySeededToxic(long seed) throws IOException {
    List<Boolean> closed = new ArrayList<>();
    try (Upstream echo = Upstream.echo();
        Shaper shaper = Shaper.start(ShaperOptions.loopbackEphemeral().withSeed(seed))) {
      Proxy proxy = new ToxiproxyClient("127.0.0.1", shaper.apiAddress().getPort())
          .createProxy("seeded", "127.0.0.1:0", echo.address());
      proxy.toxics().limitData("cut", ToxicDirection.DOWNSTREAM, 0).setToxicity(0.5f);
      for (int i = 0; i < 24; i++) {
        try (Wire wire = Wire.to(proxy.getListen())) {
          byte[] answer;
          try {
            answer = wire.send(new byte[] {1}).read(1);
          } catch (SocketException reset) {
            answer = new byte[0];
          }
          closed.add(answer.length == 0);
        }
      }
    }
    return closed;
  }

  @Test
  void busyApiPortIsAnIOException() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(
              () -> Shaper.start(new ShaperOptions("127.0.0.1", taken.getLocalPort(), Optional.empty())))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort());
    }
  }

  @Test
  void configFileCreatesTheProxies(@TempDir Path dir) throws IOException {
    try (Upstream echo = Upstream.echo()) {
      Path config = dir.resolve("proxies.json");
      Files.writeString(
          config,
          "[{\"name\":\"fares\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo.address() + "\"},"
              + "{\"name\":\"off\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo.address()
              + "\",\"enabled\":false}]");
      try (Shaper shaper = Shaper.start(new ShaperOptions("127.0.0.1", 0, Optional.of(config)))) {
        ToxiproxyClient client = new ToxiproxyClient("127.0.0.1", shaper.apiAddress().getPort());
        Proxy fares = client.getProxy("fares");
        assertThat(fares.isEnabled()).isTrue();
        assertThat(client.getProxy("off").isEnabled()).isFalse();
        try (Wire wire = Wire.to(fares.getListen())) {
          assertThat(wire.send(new byte[] {7}).read(1)).containsExactly(7);
        }
      }
    }
  }

  @Test
  void badConfigFileNamesTheFileAndTheProblem(@TempDir Path dir) throws IOException {
    Path config = dir.resolve("proxies.json");
    Files.writeString(config, "[{\"name\":\"x\",\"upstream\":5}]");
    assertThatThrownBy(() -> Shaper.start(new ShaperOptions("127.0.0.1", 0, Optional.of(config))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(config.toString())
        .hasMessageContaining("upstream");
    Files.writeString(config, "[{\"name\":\"x\"}]");
    assertThatThrownBy(() -> Shaper.start(new ShaperOptions("127.0.0.1", 0, Optional.of(config))))
        .hasMessageContaining("missing required field: upstream at proxy 1");
  }

  @Test
  void manyConcurrentConnectionsAllRoundTrip() throws Exception {
    try (Upstream echo = Upstream.echo();
        Shaper shaper = Shaper.start(ShaperOptions.loopbackEphemeral())) {
      ToxiproxyClient client = new ToxiproxyClient("127.0.0.1", shaper.apiAddress().getPort());
      Proxy proxy = client.createProxy("many", "127.0.0.1:0", echo.address());
      proxy.toxics().latency("lat", ToxicDirection.DOWNSTREAM, 100);
      List<Wire> wires = new ArrayList<>();
      try {
        for (int i = 0; i < 500; i++) {
          wires.add(Wire.to(proxy.getListen()));
        }
        long start = System.nanoTime();
        for (int i = 0; i < wires.size(); i++) {
          wires.get(i).send(new byte[] {(byte) i});
        }
        for (int i = 0; i < wires.size(); i++) {
          assertThat(wires.get(i).read(1)).containsExactly((byte) i);
        }
        // All 500 wait out the same 100 ms concurrently, not one after another.
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(95L, 5000L);
      } finally {
        for (Wire wire : wires) {
          wire.close();
        }
      }
    }
  }

  @Test
  void aStalledToxicStopsReadingInsteadOfBuffering() throws Exception {
    AtomicLong consumed = new AtomicLong();
    try (Upstream sink =
            new UpstreamDiscard(consumed).upstream();
        Shaper shaper = Shaper.start(ShaperOptions.loopbackEphemeral())) {
      ToxiproxyClient client = new ToxiproxyClient("127.0.0.1", shaper.apiAddress().getPort());
      Proxy proxy = client.createProxy("stall", "127.0.0.1:0", sink.address());
      proxy.toxics().timeout("stall", ToxicDirection.UPSTREAM, 0);
      long total = 256L << 20;
      AtomicLong written = new AtomicLong();
      try (Wire wire = Wire.to(proxy.getListen())) {
        Thread writer =
            Thread.ofVirtual()
                .start(
                    () -> {
                      byte[] block = new byte[64 << 10];
                      try {
                        while (written.get() < total) {
                          wire.socket().getOutputStream().write(block);
                          written.addAndGet(block.length);
                        }
                      } catch (IOException closed) {
                        // The test closed the socket.
                      }
                    });
        // The writer blocks once the socket buffers and the proxy's own limit are full.
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10))
            .until(() -> {
              long before = written.get();
              Thread.sleep(300);
              return written.get() == before;
            });
        assertThat(written.get()).isLessThan(total / 4);
        assertThat(consumed.get()).isZero();
        proxy.toxics().get("stall").remove();
        await().atMost(Duration.ofSeconds(30)).until(() -> consumed.get() == total);
        writer.join();
      }
    }
  }

  /** An upstream that reads and counts everything. */
  private record UpstreamDiscard(AtomicLong consumed) {
    Upstream upstream() throws IOException {
      return Upstream.custom(
          socket -> {
            byte[] buffer = new byte[64 << 10];
            int n;
            while ((n = socket.getInputStream().read(buffer)) > 0) {
              consumed.addAndGet(n);
            }
          });
    }
  }
}
