package faremark.orchestrator.backend.local;

import faremark.fareserver.BarrierState;
import faremark.fareserver.FareServer;
import faremark.fareserver.FareServerConfig;
import faremark.fareserver.ServerStats;
import faremark.orchestrator.backend.FareService;
import java.io.IOException;
import java.net.URI;

/** The local backend's fare server: in this JVM, on a free loopback port. */
final class EmbeddedFareService implements FareService {
  private final FareServer server;

  private EmbeddedFareService(FareServer server) {
    this.server = server;
  }

  static EmbeddedFareService start(FareServerConfig config) throws IOException {
    return new EmbeddedFareService(FareServer.start(config));
  }

  @Override
  public URI uri() {
    return server.uri();
  }

  @Override
  public void resetStats() {
    server.resetStats();
  }

  @Override
  public ServerStats stats() {
    return server.stats();
  }

  @Override
  public void armBarrier(int target, java.time.Duration timeout) {
    server.armBarrier(target, timeout);
  }

  @Override
  public BarrierState barrier() {
    return server.barrier();
  }

  @Override
  public String describe() {
    return server.uri() + " (in this JVM)";
  }

  @Override
  public void close() {
    server.close();
  }
}
