package faremark.orchestrator.network;

import faremark.shaper.Shaper;
import faremark.shaper.ShaperOptions;
import java.io.IOException;
import java.net.InetSocketAddress;

/** faremark's own Toxiproxy-compatible shaper, in this JVM, on a free loopback port. */
final class EmbeddedShaper implements ToxiproxyApi {
  private final Shaper shaper;
  private final InetSocketAddress api;

  private EmbeddedShaper(Shaper shaper) {
    this.shaper = shaper;
    this.api = shaper.apiAddress();
  }

  /** @param seed of the toxics' random draws (toxicity, jitter): the same draws every run */
  static EmbeddedShaper start(long seed) throws IOException {
    return new EmbeddedShaper(Shaper.start(ShaperOptions.loopbackEphemeral().withSeed(seed)));
  }

  @Override
  public String host() {
    return api.getAddress().getHostAddress();
  }

  @Override
  public int port() {
    return api.getPort();
  }

  @Override
  public String describe() {
    return "embedded shaper (Toxiproxy API at http://" + host() + ":" + port() + ")";
  }

  @Override
  public boolean embedded() {
    return true;
  }

  @Override
  public void close() {
    shaper.close();
  }
}
