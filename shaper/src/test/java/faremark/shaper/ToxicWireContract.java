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
 * What every toxic does to the bytes on the wire. The latency a toxic adds is checked from both
 * sides, as a median over many round trips against the same proxy's round trip without it;
 * elsewhere timings are compared with each other (a delay against the delay it must exceed), not
 * with wall-clock ceilings a loaded machine could break. Precise figures under load belong to
 * {@code LatencyBenchmark}.
 */
abstract class ToxicWireContract extends ToxiproxyContract {
  /**
   * What a loaded 2-core machine may add to the median round trip beyond the toxic's latency:
   * timer lateness is well under a millisecond idle (LatencyBenchmark prints it); the median
   * keeps a few late wake-ups from deciding.
   */
  static final long SLACK_MS = 20;

  /**
   * Over 20 round trips on one connection: every one is at least the configured latency, and
   * the median, less the median round trip of the same proxy without the toxic (measured just
   * before: what this machine costs a round trip now), is within {@link #SLACK_MS} above it. A
   * toxic that waited twice its latency, or not at all, fails.
   */
  @Test
  void downstreamLatencyAddsTheConfiguredDelayNoMoreNoLess() throws IOException {
    int latency = 100;
    Proxy proxy = newProxy(echo);
    try (Wire wire = Wire.to(proxy.getListen())) {
      long[] plain = roundTripsNanos(wire, 10);
      proxy.toxics().latency("lat", ToxicDirection.DOWNSTREAM, latency);
      long[] delayed = roundTripsNanos(wire, 20);
      System.out.printf("round trip without toxic: median %.3f ms; with %d ms latency: min %.3f,"
              + " median %.3f, max %.3f ms%n", plain[plain.length / 2] / 1e6, latency,
          delayed[0] / 1e6, delayed[delayed.length / 2] / 1e6, delayed[delayed.length - 1] / 1e6);
      assertThat(delayed[0]).as("fastest delayed round trip, ns")
          .isGreaterThanOrEqualTo((latency - 1) * 1_000_000L);
      long addedMs = (delayed[delayed.length / 2] - plain[plain.length / 2]) / 1_000_000;
      assertThat(addedMs).as("median added latency, ms").isBetween(latency - 1L, latency + SLACK_MS);
    }
  }

  /** {@code n} one-byte round trips on {@code wire}, in nanoseconds, sorted. */
  static long[] roundTripsNanos(Wire wire, int n) throws IOException {
    long[] rtt = new long[n];
    for (int i = 0; i < n; i++) {
      byte[] b = {(byte) ('a' + i % 26)};
      long start = System.nanoTime();
      assertThat(wire.send(b).read(1)).isEqualTo(b);
      rtt[i] = System.nanoTime() - start;
    }
    Arrays.sort(rtt);
    return rtt;
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
      // gone: the median of a few round trips is well below the latency (one could be slow on
      // a busy machine; most cannot be 150 ms slow)
      long[] after = roundTripsNanos(wire, 5);
      assertThat(after[after.length / 2] / 1_000_000).isLessThan(150L);
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
        long data = millisSince(start);
        assertThat(wire.readToEnd()).isEmpty();
        long closed = millisSince(start);
        // the close is delayed, not the data: the data came well before it, whatever the load
        assertThat(closed).isBetween(390L, 4000L);
        assertThat(closed - data).as("data at %d ms, close at %d ms", data, closed).isGreaterThan(200L);
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
