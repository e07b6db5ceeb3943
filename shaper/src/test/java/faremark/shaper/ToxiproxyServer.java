package faremark.shaper;

/** Where the Toxiproxy server under test is, as the contract's JVM and the server see it. */
interface ToxiproxyServer {
  /** Host of the server's API, as this JVM reaches it. */
  String apiHost();

  /** Port of the server's API. */
  int apiPort();

  /** Host the proxies listen on, as this JVM reaches them. */
  default String listenHost() {
    return "127.0.0.1";
  }

  /** The upstream address as the server under test reaches this JVM. */
  default String upstreamHost() {
    return "127.0.0.1";
  }
}
