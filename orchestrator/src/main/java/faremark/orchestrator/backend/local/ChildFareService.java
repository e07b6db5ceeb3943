package faremark.orchestrator.backend.local;

import faremark.fareserver.FareServerArgs;
import faremark.fareserver.FareServerConfig;
import faremark.fareserver.FareServerMain;
import faremark.orchestrator.backend.HttpFareService;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The local backend's fare server in a child JVM of its own, on a free loopback port: where
 * faremark's process cannot hold 3 descriptors per connection, the server's one per connection
 * goes here. Its counters are read over HTTP, as the docker backend's are.
 */
final class ChildFareService extends HttpFareService {
  /** What {@link FareServerMain} prints once it listens. */
  static final Pattern LISTENING = Pattern.compile("^fare-server listening on (http://\\S+)");

  private final StageProcess process;

  private ChildFareService(StageProcess process, URI uri) {
    super(uri);
    this.process = process;
  }

  /** @param log where its stderr goes */
  static ChildFareService start(FareServerConfig config, Path log) throws IOException {
    StageProcess p = StageProcess.start("the fare server", FareServerMain.class.getName(),
        FareServerArgs.of(config), LISTENING, log);
    return new ChildFareService(p, URI.create(p.ready().group(1)));
  }

  @Override
  protected IOException explained(IOException e) {
    String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    return new IOException("the fare server (process " + process.pid() + ", "
        + (process.process().isAlive() ? "running" : "exited") + ") did not answer: " + why, e);
  }

  @Override
  public String describe() {
    return uri() + " (process " + process.pid() + ")";
  }

  @Override
  public void close() {
    super.close();
    process.close();
  }
}
