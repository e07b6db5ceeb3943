package faremark.orchestrator.backend.kubernetes;

import faremark.fareserver.BarrierState;
import faremark.fareserver.ServerStats;
import faremark.orchestrator.backend.FareServerHttp;
import faremark.orchestrator.backend.FareService;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/** The fare server's pod, reached over {@link ServiceAccess}; the pod goes with the experiment. */
final class ForwardedFareService implements FareService {
  private final URI uri;
  private final String pod;
  private final FareServerHttp http;

  ForwardedFareService(URI uri, String pod) {
    this.uri = uri;
    this.pod = pod;
    this.http = new FareServerHttp(uri,
        e -> e.getMessage() != null ? e : new IOException(e.getClass().getSimpleName(), e));
  }

  @Override
  public URI uri() {
    return uri;
  }

  @Override
  public void resetStats() throws IOException {
    http.resetStats();
  }

  @Override
  public ServerStats stats() throws IOException {
    return http.stats();
  }

  @Override
  public void armBarrier(int target, Duration timeout) throws IOException {
    http.armBarrier(target, timeout);
  }

  @Override
  public BarrierState barrier() throws IOException {
    return http.barrier();
  }

  @Override
  public String describe() {
    return uri + " (pod " + pod + ")";
  }

  @Override
  public void close() {
    http.close();
  }
}
