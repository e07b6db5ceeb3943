package faremark.shaper.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class HostPortTest {
  @Test
  void parsesHostPortAndBracketedV6() {
    assertThat(HostPort.parse("127.0.0.1:8474")).isEqualTo(new HostPort("127.0.0.1", 8474));
    assertThat(HostPort.parse("[::1]:0")).isEqualTo(new HostPort("::1", 0));
    assertThat(HostPort.parse(":9000")).isEqualTo(new HostPort("", 9000));
  }

  @Test
  void refusesWhatGoWouldRefuse() {
    assertThatThrownBy(() -> HostPort.parse("localhost")).hasMessageContaining("missing port in address");
    assertThatThrownBy(() -> HostPort.parse("localhost:http")).hasMessageContaining("invalid port");
    assertThatThrownBy(() -> HostPort.parse("localhost:70000")).hasMessageContaining("invalid port");
  }

  @Test
  void formatsBoundAddressesLikeGo() throws Exception {
    assertThat(HostPort.format(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 5)))
        .isEqualTo("127.0.0.1:5");
    assertThat(HostPort.format(new InetSocketAddress(InetAddress.getByName("::1"), 5)))
        .isEqualTo("[::1]:5");
    assertThat(HostPort.format(new InetSocketAddress(InetAddress.getByName("::"), 5)))
        .isEqualTo("[::]:5");
    assertThat(HostPort.compress("fe80:0:0:0:1:0:0:2")).isEqualTo("fe80::1:0:0:2");
    assertThat(HostPort.compress("1:0:2:0:3:0:4:5")).isEqualTo("1:0:2:0:3:0:4:5");
    assertThat(HostPort.compress("1:0:0:2:0:0:0:3")).isEqualTo("1:0:0:2::3");
  }
}
