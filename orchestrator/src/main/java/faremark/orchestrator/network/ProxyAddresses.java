package faremark.orchestrator.network;

import java.net.URI;

/**
 * The proxy's three addresses, each from its own point of view: where it listens (inside the
 * proxy's network namespace), where it forwards (the fare server as the proxy reaches it), and
 * the host name workloads use for it. On one machine all three are loopback; on a Docker bridge
 * network they are {@code 0.0.0.0:0}, {@code fare-server:8080} and {@code toxiproxy}.
 *
 * @param listen {@code host:port}; port 0 lets the proxy pick, and it reports what it picked
 * @param upstream {@code host:port} of the fare server
 * @param targetHost what workloads put in their URL, with the port the proxy reports
 */
public record ProxyAddresses(String listen, String upstream, String targetHost) {

  /** Everything on this machine's loopback: the local backend and host networking. */
  public static ProxyAddresses loopback(String upstream) {
    return new ProxyAddresses("127.0.0.1:0", upstream, "127.0.0.1");
  }

  /** The workloads' URL, given the listen address the proxy reported ({@code [::]:41234}). */
  URI target(String reportedListen) {
    int colon = reportedListen.lastIndexOf(':');
    return URI.create("http://" + targetHost + ":" + reportedListen.substring(colon + 1));
  }
}
