package faremark.shaper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import java.io.IOException;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every toxic does to the bytes on the wire. Timing assertions are loose on purpose: the
 * machine may be loaded; precise figures belong to {@code LatencyBenchmark}.
 */
abstract class ToxicWireContract extends ToxiproxyContract {
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
