package faremark.orchestrator.backend.local;

import faremark.fareserver.FareServerArgs;
import faremark.fareserver.FareServerConfig;
import faremark.fareserver.FareServerMain;
import faremark.fareserver.BarrierState;
import faremark.fareserver.ServerStats;
import faremark.orchestrator.backend.FareServerHttp;
import faremark.orchestrator.backend.FareService;
import java.io.IOException;
import java.time.Duration;
import java.net.URI;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The local backend's fare server in a child JVM of its own, on a free loopback port: where
 * faremark's process cannot hold 3 descriptors per connection, the server's one per connection
 * goes here. Its counters are read over HTTP, as the docker backend's are.
 */
final class ChildFareService implements FareService {
  /** What {@link FareServerMain} prints once it listens. */
  static final Pattern LISTENING = Pattern.compile("^fare-server listening on (http://\\S+)");

  private final StageProcess process;
  private final URI uri;
  private final FareServerHttp http;

  private ChildFareService(StageProcess process, URI uri) {
    this.process = process;
    this.uri = uri;
    this.http = new FareServerHttp(uri, this::explained);
  }

  /** @param log where its stderr goes */
  static ChildFareService start(FareServerConfig config, Path log) throws IOException {
    StageProcess p = StageProcess.start("the fare server", FareServerMain.class.getName(),
        FareServerArgs.of(config), LISTENING, log);
    return new ChildFareService(p, URI.create(p.ready().group(1)));
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

  private IOException explained(IOException e) {
    String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    return new IOException("the fare server (process " + process.pid() + ", "
        + (process.process().isAlive() ? "running" : "exited") + ") did not answer: " + why, e);
  }

  /** Over the child's HTTP API, as the counters. */
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
    return uri + " (process " + process.pid() + ")";
  }

  @Override
  public void close() {
    http.close();
    process.close();
  }
}
