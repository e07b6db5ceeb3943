package faremark.workload.process;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import faremark.contract.DayAggregate;
import faremark.contract.Json;
import faremark.contract.WarmupPass;
import faremark.contract.WorkloadSpec;
import faremark.workload.record.LatencyCodec;
import faremark.workload.record.RunRecorder;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The multi-process model's parent ↔ worker protocol, one line per message, so that a worker is
 * a plain child process with three pipes:
 *
 * <ol>
 *   <li>parent → worker stdin: the slice spec as one JSON line ({@link #writeSpec});
 *   <li>worker → parent stdout: {@link Ready} once its runtime and client are up, no request
 *       of the measured run sent (its warm-up passes, if the spec asks for any, are done and
 *       reported in it);
 *   <li>parent → worker stdin: {@link #GO} once every worker is ready (so the parent's own
 *       {@code ready} event still means "no request sent");
 *   <li>worker → parent stdout: {@link Report}, its partial tally, then it exits 0.
 * </ol>
 *
 * Worker stderr is inherited (logs). A worker whose stdin closes, or whose parent dies, exits.
 */
final class WorkerProtocol {
  static final String GO = "go";

  private WorkerProtocol() {}

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = Ready.class, name = "ready"),
    @JsonSubTypes.Type(value = Report.class, name = "report")
  })
  sealed interface Message {}

  /**
   * @param warmup the worker's warm-up passes over its slice ({@code spec.warmup}), in order;
   *     empty without warm-up
   */
  record Ready(long pid, List<WarmupReport> warmup) implements Message {
    Ready {
      warmup = warmup == null ? List.of() : List.copyOf(warmup);
    }

    Ready(long pid) {
      this(pid, List.of());
    }
  }

  /**
   * One warm-up pass of one worker, with its latency histogram encoded as in {@link Report} so
   * that the parent merges distributions.
   */
  record WarmupReport(
      long requestPhaseUs,
      int requested,
      int ok,
      Map<String, Integer> failed,
      Map<String, Integer> retried,
      String latency,
      long cpuUs) {}

  /**
   * @param latency the worker's HdrHistogram (µs), compressed and base64-encoded, so the parent
   *     merges distributions rather than averaging percentiles
   */
  record Report(
      int ok,
      Map<String, Integer> failed,
      List<DayAggregate> aggregate,
      String latency,
      int peakThreads,
      int peakInFlight,
      Map<String, Integer> retried)
      implements Message {
    Report {
      retried = retried == null ? Map.of() : Map.copyOf(retried);
    }
  }

  static String write(Message message) {
    try {
      return Json.mapper().writerFor(Message.class).writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Message read(String line) {
    try {
      return Json.mapper().readValue(line, Message.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("not a worker message: " + line, e);
    }
  }

  static String writeSpec(WorkloadSpec spec) {
    try {
      return Json.mapper().writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static WorkloadSpec readSpec(String line) {
    try {
      return Json.mapper().readValue(line, WorkloadSpec.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("not a worker spec: " + line, e);
    }
  }

  /**
   * The workers' pass {@code index}, merged into one pass of the whole job: counts summed, latency
   * histograms merged, CPU summed over the workers, and the request phase of the slowest worker
   * (the workers warm up at the same time, each on its own share, unsynchronised).
   */
  static WarmupPass mergePass(List<WarmupReport> workers) {
    long phaseUs = 0;
    int requested = 0;
    int ok = 0;
    long cpuUs = 0;
    Map<String, Integer> failed = new TreeMap<>();
    Map<String, Integer> retried = new TreeMap<>();
    Histogram latency = RunRecorder.newHistogram();
    for (WarmupReport w : workers) {
      phaseUs = Math.max(phaseUs, w.requestPhaseUs());
      requested += w.requested();
      ok += w.ok();
      cpuUs += w.cpuUs();
      w.failed().forEach((cause, n) -> failed.merge(cause, n, Integer::sum));
      w.retried().forEach((cause, n) -> retried.merge(cause, n, Integer::sum));
      latency.add(decode(w.latency()));
    }
    return new WarmupPass(Duration.ofNanos(phaseUs * 1_000), requested, ok, failed, retried,
        RunRecorder.summaryOf(latency), Duration.ofNanos(cpuUs * 1_000));
  }

  static String encode(Histogram histogram) {
    return LatencyCodec.encode(histogram);
  }

  static Histogram decode(String encoded) {
    return LatencyCodec.decode(encoded);
  }
}
