package faremark.workload.http;

import faremark.contract.WorkloadSpec;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.util.concurrent.Executor;

/**
 * The one HTTP client configuration every Java model uses, so that comparisons isolate the
 * concurrency model rather than the client: the JDK's {@code java.net.http.HttpClient}, HTTP/1.1
 * forced (the article's requests/aiohttp speak 1.1; h2c upgrade would multiplex and change the
 * connection count), no proxy selector (the target already is the proxy), no redirects.
 *
 * <p>Executor: direct ({@code Runnable::run}). Without one the client creates a cached pool of
 * worker threads that grows with concurrent requests, which would add platform threads to every
 * model and blur what is being measured. With the direct executor each client has exactly one
 * thread of its own, its selector manager, which does the socket I/O and runs the completion
 * stages; a caller of {@code send}/{@code sendAsync().get()} simply parks until it is done —
 * on a virtual thread that parking releases the carrier.
 */
public final class HttpClients {
  /** Recorded in results as {@code details.client}. */
  public static final String CLIENT_ID = "jdk.httpclient/HTTP/1.1";

  static final Executor DIRECT = Runnable::run;

  static {
    // No retries: faults must show in the results. The client retries a refused connect once
    // by default; this switch (read once, when the client's classes initialise) turns that off.
    // Its other retry — once, when a pooled keep-alive connection turns out closed before any
    // response byte — has no switch; it is the stale-connection recovery every keep-alive
    // client does, and a second failure is reported as such.
    if (System.getProperty("jdk.httpclient.disableRetryConnect") == null) {
      System.setProperty("jdk.httpclient.disableRetryConnect", "true");
    }
  }

  private HttpClients() {}

  public static HttpClient create(WorkloadSpec spec) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(spec.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .proxy(HttpClient.Builder.NO_PROXY)
        .executor(DIRECT)
        .build();
  }

  /**
   * One day's request. {@code timeout} is the client's own deadline; it ends when the response
   * headers arrive, so callers add a whole-request deadline that covers the body too.
   */
  public static HttpRequest request(WorkloadSpec spec, LocalDate date) {
    return HttpRequest.newBuilder(spec.faresUri(date))
        .GET()
        .timeout(spec.requestTimeout())
        .header("Accept", "application/json")
        .build();
  }
}
