package faremark.shaper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** {@link Transport#reusePort()}: several shapers serving one proxy port. */
class TransportTest {
  private static Shaper start(boolean reusePort) throws IOException {
    return Shaper.start(new ShaperOptions("127.0.0.1", 0, Optional.empty(), OptionalLong.empty(),
        reusePort));
  }

  private static ToxiproxyClient api(Shaper shaper) {
    return new ToxiproxyClient("127.0.0.1", shaper.apiAddress().getPort());
  }

  @Test
  void shapersWithReusePortShareAProxyPortAndEitherCarriesItAlone() throws IOException {
    try (Upstream echo = Upstream.echo(); Shaper first = start(true); Shaper second = start(true)) {
      Proxy a = api(first).createProxy("p", "127.0.0.1:0", echo.address());
      Proxy b = api(second).createProxy("p", a.getListen(), echo.address());
      assertThat(b.getListen()).isEqualTo(a.getListen());
      for (int i = 0; i < 20; i++) {
        try (Wire wire = Wire.to(a.getListen())) {
          assertThat(wire.send(new byte[] {(byte) i}).read(1)).containsExactly((byte) i);
        }
      }
      // One shaper gone, the port still answers: the kernel gives every new connection to the other.
      first.close();
      for (int i = 0; i < 20; i++) {
        try (Wire wire = Wire.to(a.getListen())) {
          assertThat(wire.send(new byte[] {(byte) i}).read(1)).containsExactly((byte) i);
        }
      }
    }
  }

  @Test
  void withoutReusePortASecondShaperCannotListenOnTheSamePort() throws IOException {
    try (Upstream echo = Upstream.echo(); Shaper first = start(true); Shaper second = start(false)) {
      Proxy a = api(first).createProxy("p", "127.0.0.1:0", echo.address());
      assertThatThrownBy(() -> api(second).createProxy("p", a.getListen(), echo.address()))
          .hasMessageContaining("bind");
    }
  }
}
