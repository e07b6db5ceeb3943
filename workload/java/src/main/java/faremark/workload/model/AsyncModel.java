package faremark.workload.model;

import faremark.contract.ConnectionReuse;
import faremark.contract.FailureCause;
import faremark.contract.WorkloadResult;
import faremark.contract.WorkloadSpec;
import faremark.contract.model.ModelDeclaration;
import faremark.contract.model.Parallelism;
import faremark.workload.JavaModel;
import faremark.workload.RunDetails;
import faremark.workload.WorkloadModel;
import faremark.workload.http.HttpClients;
import faremark.workload.http.ResponseCheck;
import faremark.workload.http.Warmup;
import faremark.workload.record.DayOutcome;
import faremark.workload.record.RunRecorder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code async}: non-blocking I/O where one thread does the I/O and the callbacks — the asyncio +
 * aiohttp analogue. The client is the same JDK {@code HttpClient} the blocking models use, so the
 * comparison isolates the concurrency model: with the direct executor ({@link HttpClients}) the
 * client's single selector-manager thread performs every read and write and runs our body
 * handler, which parses, aggregates, records and issues the next request. At most
 * {@code concurrency} requests are in flight: each completion issues the next day.
 *
 * <p>Where it is not one thread, and why: (1) the JDK completes the future {@code sendAsync}
 * returns on the common fork-join pool, always, so failures that never reach a body handler
 * (refused connects, timeouts, broken connections) are handled there, and that pool's worker(s)
 * show in the thread count; (2) the main thread issues the first batch and enforces the
 * whole-request deadline past the response headers (the client's own timeout stops there), so a
 * stalled body cannot hang the run; (3) {@code per-request} connections mean a new client per
 * request, as in every Java model, and each JDK client owns its selector thread. {@code
 * details.callbackThreads} records how many threads ran callbacks.
 *
 * <p>Retries (the spec's {@code retries}, 0 by default) work as in {@link faremark.workload.http.RequestExecutor}: a
 * failed attempt is re-sent at once on a fresh connection permit, keeping its concurrency slot
 * and its start time, and recorded by cause; only the last attempt's failure is counted.
 */
final class AsyncModel implements WorkloadModel {
  static final String ID = "async";

  private final WorkloadSpec spec;
  private final List<LocalDate> dates;
  private final RunRecorder recorder = new RunRecorder();
  private final AsyncPermits connections;
  private final Map<Integer, Call> pending = new ConcurrentHashMap<>();
  private final Set<String> callbackThreads = ConcurrentHashMap.newKeySet();
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger drainRequests = new AtomicInteger();
  private final AtomicInteger remaining;
  private final CountDownLatch done = new CountDownLatch(1);
  private HttpClient shared;

  AsyncModel(WorkloadSpec spec) {
    this.spec = spec;
    this.dates = spec.dates();
    this.connections = new AsyncPermits(spec.poolSize());
    this.remaining = new AtomicInteger(dates.size());
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void prepare() {
    Warmup.touchRequestPath(spec);
    if (spec.connections() == ConnectionReuse.SHARED) {
      shared = HttpClients.create(spec);
    } else {
      Warmup.touchClient(spec);
    }
  }

  @Override
  public WorkloadResult run() throws InterruptedException {
    recorder.start();
    drain();
    long tickMillis = Math.clamp(spec.requestTimeout().toMillis() / 4, 10, 250);
    while (!done.await(tickMillis, TimeUnit.MILLISECONDS)) {
      expireOverdue();
    }
    var details = RunDetails.of(spec, recorder);
    details.put("callbackThreads", callbackThreads.size());
    return recorder.result(ID, spec.days(), details);
  }

  /** Names of the threads that ran response callbacks (the test checks there is one). */
  Set<String> callbackThreads() {
    return Set.copyOf(callbackThreads);
  }

  /**
   * Issues requests until {@code concurrency} are in flight or none are left. Called by whoever
   * frees a slot; the counter makes a call that arrives while another thread — or this one,
   * re-entrantly, when a request fails inside {@code sendAsync} — is draining just ask for one
   * more pass, so the stack never grows with the number of days.
   */
  private void drain() {
    if (drainRequests.getAndIncrement() != 0) {
      return;
    }
    do {
      while (inFlight.get() < spec.concurrency() && next.get() < dates.size()) {
        inFlight.incrementAndGet();
        issue(next.getAndIncrement());
      }
    } while (drainRequests.decrementAndGet() != 0);
  }

  private void issue(int index) {
    Call call = new Call(index, dates.get(index), recorder.begin(), 0);
    pending.put(index, call);
    connections.acquire(() -> send(call));
  }

  private void send(Call call) {
    call.client = shared != null ? shared : HttpClients.create(spec);
    call.sentNanos = System.nanoTime();
    // The work is done inside the body handler, which the client runs on its selector thread
    // as the last byte arrives (after the connection went back to its pool). The future that
    // sendAsync returns is completed by the JDK on the common pool instead, so it is used only
    // for what never reaches a body handler: connect errors, timeouts, broken connections.
    HttpResponse.BodyHandler<Void> onBody = info -> HttpResponse.BodySubscribers.mapping(
        HttpResponse.BodySubscribers.ofByteArray(),
        body -> {
          long received = System.nanoTime();
          settle(call);
          finish(call, received, ResponseCheck.check(spec, call.date, info.statusCode(), body));
          return null;
        });
    CompletableFuture<HttpResponse<Void>> exchange =
        call.client.sendAsync(HttpClients.request(spec, call.date), onBody);
    call.exchange = exchange;
    exchange.whenComplete((ignored, failure) -> {
      if (failure != null) {
        settle(call);
        finish(call, System.nanoTime(), ResponseCheck.failure(failure));
      }
    });
  }

  /** Gives back the connection permit and closes a per-request client, once per call. */
  private void settle(Call call) {
    if (call.settled.compareAndSet(false, true)) {
      if (call.client != shared) {
        call.client.shutdown(); // non-blocking: we may be running on this client's own thread
      }
      connections.release();
    }
  }

  private void finish(Call call, long receivedNanos, DayOutcome outcome) {
    if (!call.finished.compareAndSet(false, true)) {
      return; // already timed out by the deadline check, or already handled
    }
    callbackThreads.add(Thread.currentThread().getName());
    if (outcome instanceof DayOutcome.Failed f && call.attempt < spec.retries()
        && !f.cause().equals(FailureCause.INTERRUPTED)) {
      recorder.retried(f.cause(), f.detail());
      Call retry = new Call(call.index, call.date, call.startNanos, call.attempt + 1);
      pending.put(call.index, retry);
      connections.acquire(() -> send(retry));
      return;
    }
    pending.remove(call.index);
    recorder.end(call.startNanos, receivedNanos, outcome);
    inFlight.decrementAndGet();
    if (remaining.decrementAndGet() == 0) {
      done.countDown();
    } else {
      drain();
    }
  }

  private void expireOverdue() {
    long now = System.nanoTime();
    long limit = spec.requestTimeout().toNanos();
    for (Call call : pending.values()) {
      CompletableFuture<HttpResponse<Void>> exchange = call.exchange;
      if (exchange != null && now - call.sentNanos > limit) {
        finish(call, now, ResponseCheck.failure(
            new TimeoutException("no complete response within " + spec.requestTimeout())));
        exchange.cancel(true);
        settle(call); // the stalled connection is abandoned, not counted against the pool
      }
    }
  }

  @Override
  public void close() {
    if (shared != null) {
      shared.shutdownNow();
    }
  }

  private static final class Call {
    final int index;
    final LocalDate date;
    final long startNanos;
    /** 0 for the first try, then 1, 2, … up to the spec's retries. */
    final int attempt;
    final AtomicBoolean finished = new AtomicBoolean();
    final AtomicBoolean settled = new AtomicBoolean();
    volatile HttpClient client;
    volatile long sentNanos;
    volatile CompletableFuture<HttpResponse<Void>> exchange;

    Call(int index, LocalDate date, long startNanos, int attempt) {
      this.index = index;
      this.date = date;
      this.startNanos = startNanos;
      this.attempt = attempt;
    }
  }

  /** Registers {@value #ID} (one line in META-INF/services/faremark.workload.JavaModel). */
  public static final class Provider extends JavaModel.Of {
    public Provider() {
      super(ModelDeclaration.java(ID,
          "non-blocking I/O on a single event-loop thread (the asyncio analogue)", "#f28e2b",
          Parallelism.CLIENT_POOL),
          AsyncModel::new);
    }
  }
}
