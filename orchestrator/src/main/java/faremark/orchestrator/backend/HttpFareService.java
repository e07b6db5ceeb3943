package faremark.orchestrator.backend;

import faremark.fareserver.BarrierState;
import faremark.fareserver.ServerStats;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * A fare server in a process of its own, reached over its HTTP API ({@link FareServerHttp}): a
 * container, a child process, a pod. What differs is where it runs, so a subclass says only how
 * a failed request is explained (a stopped engine, an exited process), how it is described, and
 * what else closing releases.
 */
public abstract class HttpFareService implements FareService {
  private final URI uri;
  private final FareServerHttp http;

  protected HttpFareService(URI uri) {
    this.uri = uri;
    this.http = new FareServerHttp(uri, this::explained);
  }

  /** The error to report for a request that failed: {@code e}, or why the server is gone. */
  protected abstract IOException explained(IOException e);

  @Override
  public final URI uri() {
    return uri;
  }

  @Override
  public final void resetStats() throws IOException {
    http.resetStats();
  }

  @Override
  public final ServerStats stats() throws IOException {
    return http.stats();
  }

  /** Over the server's HTTP API, as the counters. */
  @Override
  public final void armBarrier(int target, Duration timeout) throws IOException {
    http.armBarrier(target, timeout);
  }

  @Override
  public final BarrierState barrier() throws IOException {
    return http.barrier();
  }

  /** Closes the HTTP client; a subclass that overrides this calls it. */
  @Override
  public void close() {
    http.close();
  }
}
