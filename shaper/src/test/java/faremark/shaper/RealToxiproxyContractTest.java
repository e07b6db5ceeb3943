package faremark.shaper;

import java.net.URI;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/**
 * The same contract, both halves, against a real Toxiproxy, when {@code TOXIPROXY_URL} names one
 * (e.g. {@code http://127.0.0.1:8474}). The proxies it creates must be reachable from this JVM,
 * and this JVM's loopback upstream from Toxiproxy: run Toxiproxy on this host, or set {@code
 * TOXIPROXY_LISTEN_HOST} / {@code TOXIPROXY_UPSTREAM_HOST} (e.g. for a container with host
 * networking).
 */
class RealToxiproxyContractTest {
  private static URI url;

  private static final ToxiproxyServer TOXIPROXY = new ToxiproxyServer() {
    @Override
    public String apiHost() {
      return url.getHost();
    }

    @Override
    public int apiPort() {
      return url.getPort() < 0 ? 8474 : url.getPort();
    }

    @Override
    public String listenHost() {
      return env("TOXIPROXY_LISTEN_HOST", "127.0.0.1");
    }

    @Override
    public String upstreamHost() {
      return env("TOXIPROXY_UPSTREAM_HOST", "127.0.0.1");
    }
  };

  @BeforeAll
  static void requireToxiproxy() {
    String configured = System.getenv("TOXIPROXY_URL");
    if (configured == null || configured.isBlank()) {
      Requirement.TOXIPROXY.missing("RealToxiproxyContractTest",
          "TOXIPROXY_URL is not set: the contract runs against the shaper only");
    }
    url = URI.create(configured);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  @Nested
  class ApiCalls extends ToxiproxyApiContract {
    @Override
    ToxiproxyServer server() {
      return TOXIPROXY;
    }
  }

  @Nested
  class ToxicsOnTheWire extends ToxicWireContract {
    @Override
    ToxiproxyServer server() {
      return TOXIPROXY;
    }
  }
}
