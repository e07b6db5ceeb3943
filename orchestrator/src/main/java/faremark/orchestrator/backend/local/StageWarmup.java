package faremark.orchestrator.backend.local;

import faremark.contract.WorkloadSpec;
import faremark.orchestrator.backend.FareService;
import faremark.orchestrator.scenario.Scenario;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Warms the local backend's fare server and proxy before the first run. Both live in this JVM and
 * are as cold at an experiment's start as a workload's JVM: without this, whichever model runs
 * first pays for their class loading and JIT compilation in its request phase (py-asyncio's first
 * run took 0.51–0.62 s against 0.36–0.42 s from the fourth on, docs/cold-start.md). The scenario's
 * own job is fetched through the proxy, toxics and all, a few times at the scenario's concurrency;
 * failures (an injected fault, a server cap) are counted and change nothing. Nothing is counted
 * for a run: the server's counters are reset before each one, and every connection is closed
 * before this returns.
 */
final class StageWarmup {
  /** Passes of the job: enough for the hot paths of server and proxy to be compiled. */
  static final int PASSES = 4;
  /** No more new requests after this long (a server that takes 5 at a time, a slow network). */
  static final Duration BUDGET = Duration.ofSeconds(5);
  /** A request held by a {@code timeout} toxic is given up after this long. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

  private StageWarmup() {}

  /**
   * Sends the requests through {@code proxy} and waits until the server holds no connection of
   * theirs; returns what was done, for {@code stage-warmup.json}.
   */
  static Map<String, Object> run(Scenario scenario, URI proxy, FareService server) {
    WorkloadSpec job = scenario.workloadSpec(scenario.models().get(0), proxy);
    int concurrency = Math.min(Math.min(job.concurrency(), job.days()), 100);
    Semaphore slots = new Semaphore(concurrency);
    AtomicInteger ok = new AtomicInteger();
    Map<String, Integer> failed = new java.util.TreeMap<>();
    List<CompletableFuture<?>> pending = new ArrayList<>();
    long start = System.nanoTime();
    int sent = 0;
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(REQUEST_TIMEOUT).build();
    try {
      send:
      for (int pass = 0; pass < PASSES; pass++) {
        for (var date : job.dates()) {
          if (System.nanoTime() - start > BUDGET.toNanos()
              || !slots.tryAcquire(BUDGET.toMillis(), TimeUnit.MILLISECONDS)) {
            break send;
          }
          sent++;
          HttpRequest request = HttpRequest.newBuilder(job.faresUri(date)).timeout(REQUEST_TIMEOUT).GET().build();
          pending.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
              .whenComplete((response, error) -> {
                slots.release();
                String cause = error != null ? error.getClass().getSimpleName()
                    : response.statusCode() == 200 ? null : "http-" + response.statusCode();
                if (cause == null) {
                  ok.incrementAndGet();
                } else {
                  synchronized (failed) {
                    failed.merge(cause, 1, Integer::sum);
                  }
                }
              }));
        }
      }
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null)
          .get(REQUEST_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // counted below as requests without an answer
    } finally {
      client.shutdownNow();
      try {
        client.awaitTermination(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    long wallMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
    boolean closed = awaitNoConnections(server);
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("what", "requests for the scenario's days sent through the proxy before the first"
        + " run, to warm the fare server and proxy this JVM runs (class loading, JIT); the"
        + " server's counters are reset before each run, so no run counts them");
    record.put("requests", sent);
    record.put("ok", ok.get());
    synchronized (failed) {
      record.put("failed", new LinkedHashMap<>(failed));
    }
    record.put("unanswered", Math.max(0, sent - ok.get() - failed.values().stream().mapToInt(i -> i).sum()));
    record.put("concurrency", concurrency);
    record.put("wallMs", wallMs);
    record.put("connectionsClosed", closed);
    return record;
  }

  /** The warm-up's connections must not hold a server slot when the first run starts. */
  private static boolean awaitNoConnections(FareService server) {
    long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    try {
      while (System.nanoTime() < deadline) {
        if (server.stats().openConnections() == 0) {
          return true;
        }
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.io.IOException e) {
      return false;
    }
    return false;
  }

  /** One console line. */
  static String describe(Map<String, Object> record) {
    return "warmed the fare server and proxy: " + record.get("requests") + " requests through the"
        + " proxy in " + record.get("wallMs") + " ms (" + record.get("ok") + " ok; not counted in"
        + " any run)";
  }
}
