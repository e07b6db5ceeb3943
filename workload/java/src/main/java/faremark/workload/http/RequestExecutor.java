package faremark.workload.http;

import faremark.contract.ConnectionReuse;
import faremark.contract.FailureCause;
import faremark.contract.WorkloadSpec;
import faremark.workload.record.DayOutcome;
import faremark.workload.record.RunRecorder;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;

/**
 * One blocking request, shared by the sequential, thread-pool, virtual-threads and worker
 * models: fetch a day, check and aggregate it, record the outcome. Never throws for a failed
 * request — faults must show in the results.
 *
 * <p>Retries: off unless the spec allows {@code retries}. A failed attempt (any cause but an
 * interrupt) is then tried again at once, up to that many times; each retried attempt is
 * recorded by cause ({@link RunRecorder#retried}), and a request still failing after the last
 * one counts once in {@code failed}, under the last attempt's cause. Latency runs from the
 * first attempt to the final response: what the caller waited.
 *
 * <p>Connections: {@code shared} uses one client for the run (keep-alive, reuse);
 * {@code per-request} builds a client per request and closes it afterwards, so every request
 * pays a new connection (and, with this client, its own selector thread while it lives).
 *
 * <p>Pool size: the JDK client has no cap on connections per host (there is no global knob
 * worth setting either — {@code jdk.httpclient.connectionPoolSize} only bounds idle ones), so
 * "at most poolSize connections open at once" is enforced here by a semaphore around each
 * request: a request holds a permit from before it connects until its body is read (and, for
 * per-request, its client is closed). Waiting for a permit counts towards latency, as it does
 * in aiohttp when its connector limit is reached.
 */
public final class RequestExecutor implements AutoCloseable {
  private final WorkloadSpec spec;
  private final RunRecorder recorder;
  private final Semaphore connections;
  private final HttpClient shared;
  private final RequestDeadlines deadlines = new RequestDeadlines();

  public RequestExecutor(WorkloadSpec spec, RunRecorder recorder) {
    this.spec = spec;
    this.recorder = recorder;
    this.connections = new Semaphore(spec.poolSize(), true);
    this.shared = spec.connections() == ConnectionReuse.SHARED ? HttpClients.create(spec) : null;
  }

  /** Loads what a request needs, without sending one. */
  public void warmUp() {
    Warmup.touchRequestPath(spec);
    deadlines.start();
    if (shared == null) {
      Warmup.touchClient(spec);
    }
  }

  /** Fetches one day and records its outcome; blocks the calling thread until done. */
  public void fetch(LocalDate date) {
    long start = recorder.begin();
    for (int attempt = 0; ; attempt++) {
      Reply reply;
      try {
        reply = exchange(date);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        recorder.end(start, System.nanoTime(), ResponseCheck.failure(e));
        return;
      }
      DayOutcome outcome =
          reply.failure() != null
              ? ResponseCheck.failure(reply.failure())
              : ResponseCheck.check(spec, date, reply.status(), reply.body());
      if (outcome instanceof DayOutcome.Failed f && attempt < spec.retries()
          && !f.cause().equals(FailureCause.INTERRUPTED) && !Thread.currentThread().isInterrupted()) {
        recorder.retried(f.cause(), f.detail());
        continue;
      }
      recorder.end(start, reply.receivedNanos(), outcome);
      return;
    }
  }

  private Reply exchange(LocalDate date) throws InterruptedException {
    connections.acquire();
    HttpClient client = shared;
    RequestDeadlines.Guard deadline = null;
    boolean clean = false;
    try {
      if (client == null) {
        client = HttpClients.create(spec);
      }
      deadline = deadlines.guard(spec.requestTimeout());
      try {
        // send(), not sendAsync(): its result is handed over without a hop to another pool.
        HttpResponse<byte[]> response =
            client.send(HttpClients.request(spec, date), HttpResponse.BodyHandlers.ofByteArray());
        deadline.end(); // a response that made it is kept, even if the deadline fired just now
        clean = true;
        return new Reply(response.statusCode(), response.body(), System.nanoTime(), null);
      } catch (InterruptedException e) {
        if (deadline.end()) {
          return new Reply(0, null, System.nanoTime(),
              new TimeoutException("no complete response within " + spec.requestTimeout()));
        }
        throw e; // a real interrupt: the model is being stopped
      } catch (IOException | RuntimeException e) {
        return new Reply(0, null, System.nanoTime(), e);
      }
    } finally {
      if (deadline != null) {
        deadline.end();
      }
      if (client != null && client != shared) {
        closeClient(client, clean);
      }
      connections.release();
    }
  }

  private static void closeClient(HttpClient client, boolean clean) {
    if (clean) {
      client.close(); // orderly: nothing is pending, so this returns once its thread has ended
    } else {
      client.shutdownNow(); // a stuck or failed exchange must not hold the caller
    }
  }

  @Override
  public void close() {
    if (shared != null) {
      shared.shutdownNow();
    }
    deadlines.close();
  }

  private record Reply(int status, byte[] body, long receivedNanos, Throwable failure) {}
}
