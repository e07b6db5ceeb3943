package faremark.workload.http;

import faremark.contract.FareGenerator;
import faremark.contract.WorkloadSpec;
import faremark.workload.record.DayOutcome;
import faremark.workload.record.RunRecorder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;

/**
 * What "runtime up" means for the {@code ready} event: the classes every request needs are
 * loaded and initialised before the first request, so that memory sampled at {@code ready} is
 * the runtime's baseline and the rest is the cost of the model's concurrency. Nothing here
 * touches the network.
 */
public final class Warmup {
  private Warmup() {}

  /** Parsing, aggregation, result recording and request building — shared by every model. */
  public static void touchRequestPath(WorkloadSpec spec) {
    // A tiny locally generated page through the same parse + check + record path as a response.
    byte[] sample = new FareGenerator(0, 512).day(spec.route(), spec.startDate()).json();
    DayOutcome outcome = ResponseCheck.check(spec, spec.startDate(), 200, sample);
    if (!(outcome instanceof DayOutcome.Ok)) {
      throw new IllegalStateException("warm-up page did not check: " + outcome);
    }
    RunRecorder scratch = new RunRecorder();
    scratch.end(scratch.begin(), System.nanoTime(), outcome);
    scratch.result(spec.model(), 1, java.util.Map.of());
    HttpClients.request(spec, spec.startDate());
    HttpResponse.BodyHandlers.ofByteArray();
    ResponseCheck.failure(new java.io.IOException("warm-up"));
  }

  /**
   * For per-request mode, where no client lives between requests: build and close one so that
   * the client's classes (selector, connection pool, timers) are loaded before {@code ready}.
   */
  public static void touchClient(WorkloadSpec spec) {
    HttpClient client = HttpClients.create(spec);
    client.close();
  }
}
