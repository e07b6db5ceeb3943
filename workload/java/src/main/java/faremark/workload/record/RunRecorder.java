package faremark.workload.record;

import faremark.contract.DayAggregate;
import faremark.contract.LatencySummary;
import faremark.contract.WorkloadResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The thread-safe tally of one run: ok and failed-by-cause counts, the latency histogram, the
 * aggregate, the first and last moments and the most requests seen in flight at once.
 *
 * <p>Latency semantics: from {@link #begin()} (the model issues the request, after its
 * concurrency slot, before waiting for a connection permit) to the response body fully read,
 * in microseconds, successful requests only (with retries, from the first attempt) — a failure has no "last byte", and timeouts would
 * only echo the configured timeout. Parsing is not included.
 *
 * <p>A plain lock is enough: it is taken twice per request, which is noise next to a network
 * round trip, and it keeps the recorder obviously correct for every model.
 */
public final class RunRecorder {
  private final Histogram latency = newHistogram();
  private final Map<String, Integer> failed = new TreeMap<>();
  private final Map<String, Integer> retried = new TreeMap<>();
  private final List<DayAggregate> aggregate = new ArrayList<>();
  private final Set<String> loggedCauses = new HashSet<>();
  private int ok;
  private int inFlight;
  private int peakInFlight;
  private Instant startedAt;
  private long startNanos;
  private Instant endedAt;
  private long endNanos;

  public static Histogram newHistogram() {
    // Auto-resizing, 3 significant digits: the precision LatencySummary documents.
    Histogram h = new Histogram(3);
    h.setAutoResize(true);
    return h;
  }

  /** Marks the run's start if nothing has yet; models that issue in bulk may call it first. */
  public synchronized void start() {
    if (startedAt == null) {
      startedAt = Instant.now();
      startNanos = System.nanoTime();
    }
  }

  /** A request is being issued; returns its start time for {@link #end}. */
  public synchronized long begin() {
    start();
    inFlight++;
    peakInFlight = Math.max(peakInFlight, inFlight);
    return System.nanoTime();
  }

  /**
   * A request begun at {@code startNanos} is over.
   *
   * @param receivedNanos when its body was fully read (parsing comes after and is not timed)
   */
  public synchronized void end(long startNanos, long receivedNanos, DayOutcome outcome) {
    inFlight--;
    switch (outcome) {
      case DayOutcome.Ok o -> {
        ok++;
        aggregate.add(o.aggregate());
        latency.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(receivedNanos - startNanos)));
      }
      case DayOutcome.Failed f -> {
        failed.merge(f.cause(), 1, Integer::sum);
        if (loggedCauses.add(f.cause())) {
          System.err.println("faremark: request failed (" + f.cause() + "): " + f.detail());
        }
      }
    }
    touchEnd();
  }

  /**
   * An attempt failed with {@code cause} and the request is tried again (the spec's
   * {@code retries}): counted apart from {@code failed}, which counts each request once, so that
   * a run retried into success is visibly not a clean one.
   */
  public synchronized void retried(String cause, String detail) {
    retried.merge(cause, 1, Integer::sum);
    if (loggedCauses.add("retry:" + cause)) {
      System.err.println("faremark: request attempt failed (" + cause + "), retrying: " + detail);
    }
  }

  /** Attempts that failed and were retried, by cause. */
  public synchronized Map<String, Integer> retried() {
    return new TreeMap<>(retried);
  }

  /** Adds a worker's partial tally (multi-process); the parent keeps its own start and end. */
  public synchronized void merge(
      int workerOk, Map<String, Integer> workerFailed, Map<String, Integer> workerRetried,
      List<DayAggregate> workerAggregate, Histogram workerLatency) {
    start();
    ok += workerOk;
    workerFailed.forEach((cause, n) -> failed.merge(cause, n, Integer::sum));
    workerRetried.forEach((cause, n) -> retried.merge(cause, n, Integer::sum));
    aggregate.addAll(workerAggregate);
    latency.add(workerLatency);
    touchEnd();
  }

  /** Counts {@code n} requests that never ran (e.g. a worker process died) as failed. */
  public synchronized void lost(String cause, int n, String detail) {
    if (n <= 0) {
      return;
    }
    start();
    failed.merge(cause, n, Integer::sum);
    System.err.println("faremark: " + n + " requests lost (" + cause + "): " + detail);
    touchEnd();
  }

  public synchronized int peakInFlight() {
    return peakInFlight;
  }

  public synchronized Histogram latencyCopy() {
    return latency.copy();
  }

  public synchronized int ok() {
    return ok;
  }

  public synchronized Map<String, Integer> failed() {
    return new TreeMap<>(failed);
  }

  public synchronized List<DayAggregate> aggregate() {
    return sorted(aggregate);
  }

  public synchronized WorkloadResult result(String model, int requested, Map<String, Object> details) {
    Instant started = startedAt == null ? Instant.now() : startedAt;
    Instant ended = endedAt == null ? started : endedAt;
    Duration phase = endedAt == null ? Duration.ZERO : Duration.ofNanos(endNanos - startNanos);
    return new WorkloadResult(
        model, requested, ok, failed, started, ended, phase, summary(latency), sorted(aggregate),
        details, LatencyCodec.distribution(latency));
  }

  /** The contract's summary of a latency histogram in µs (empty for an empty histogram). */
  public static LatencySummary summaryOf(Histogram h) {
    return summary(h);
  }

  static LatencySummary summary(Histogram h) {
    if (h.getTotalCount() == 0) {
      return LatencySummary.EMPTY;
    }
    return new LatencySummary(
        h.getTotalCount(), h.getMinValue(), h.getMean(), h.getValueAtPercentile(50),
        h.getValueAtPercentile(90), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9),
        h.getMaxValue());
  }

  private void touchEnd() {
    endedAt = Instant.now();
    endNanos = System.nanoTime();
  }

  private static List<DayAggregate> sorted(List<DayAggregate> list) {
    List<DayAggregate> copy = new ArrayList<>(list);
    copy.sort(Comparator.comparing(DayAggregate::date));
    return copy;
  }
}
