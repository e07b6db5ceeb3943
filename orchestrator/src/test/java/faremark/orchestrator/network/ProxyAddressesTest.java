package faremark.orchestrator.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** {@link ProxyAddresses}: the workloads' URL from whatever listen address the proxy reports. */
class ProxyAddressesTest {

  @Test
  void loopbackListensOnAFreeLoopbackPort() {
    ProxyAddresses a = ProxyAddresses.loopback("127.0.0.1:8080");
    assertThat(a.listen()).isEqualTo("127.0.0.1:0");
    assertThat(a.target("127.0.0.1:41234")).isEqualTo(URI.create("http://127.0.0.1:41234"));
  }

  @Test
  void onABridgeNetworkWorkloadsUseTheProxysNameWithTheReportedPort() {
    ProxyAddresses a = new ProxyAddresses("0.0.0.0:0", "fare-server:8080", "toxiproxy");
    assertThat(a.target("[::]:41234")).isEqualTo(URI.create("http://toxiproxy:41234"));
    assertThat(a.target("0.0.0.0:41234")).isEqualTo(URI.create("http://toxiproxy:41234"));
  }
}
