package faremark.orchestrator.backend.kubernetes;

import faremark.orchestrator.backend.HttpFareService;
import java.io.IOException;
import java.net.URI;

/** The fare server's pod, reached over {@link ServiceAccess}; the pod goes with the experiment. */
final class ForwardedFareService extends HttpFareService {
  private final String pod;

  ForwardedFareService(URI uri, String pod) {
    super(uri);
    this.pod = pod;
  }

  @Override
  protected IOException explained(IOException e) {
    // a refused connection's message is null: name the exception instead
    return e.getMessage() != null ? e : new IOException(e.getClass().getSimpleName(), e);
  }

  @Override
  public String describe() {
    return uri() + " (pod " + pod + ", port-forwarded)";
  }
}
