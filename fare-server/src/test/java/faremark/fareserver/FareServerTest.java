package faremark.fareserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Lifecycle: binding, addresses, closing. */
class FareServerTest {

  @Test
  void startsOnAFreePortAndReportsItsUri() {
    try (FareServer server = FareServer.start(FareServerConfig.defaults())) {
      assertThat(server.port()).isPositive();
      assertThat(server.uri().toString()).isEqualTo("http://127.0.0.1:" + server.port());
      assertThat(server.config()).isEqualTo(FareServerConfig.defaults());
      assertThat(server.stats().connectionsAccepted()).isZero();
    }
  }

  @Test
  void closeFreesThePortQuicklyAndIsIdempotent() throws Exception {
    FareServer server = FareServer.start(FareServerConfig.defaults());
    int port = server.port();
    assertThat(RawHttp.getOnce(server.uri(), "/health").status()).isEqualTo(200);

    long started = System.nanoTime();
    server.close();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    server.close();

    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void closeEndsOpenConnections() throws Exception {
    FareServer server = FareServer.start(FareServerConfig.defaults());
    try (RawHttp idle = new RawHttp(server.uri())) {
      assertThat(idle.get("/health").status()).isEqualTo(200);
      server.close();
      assertThat(idle.closedByServer()).isTrue();
    }
  }

  @Test
  void aTakenPortIsAnError() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      FareServerConfig config = FareServerConfig.defaults().withPort(taken.getLocalPort());
      assertThatThrownBy(() -> FareServer.start(config))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort());
    }
  }
}
