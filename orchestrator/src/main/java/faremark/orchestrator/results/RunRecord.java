package faremark.orchestrator.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import faremark.contract.Json;
import faremark.contract.WarmupPass;
import faremark.contract.WorkloadResult;
import faremark.orchestrator.verify.Verification;
import java.time.Instant;
import java.util.List;

/**
 * Everything known about one run, written as {@code run.json} next to its raw samples. Times in
 * milliseconds on the run's own clock, which starts when the process is launched.
 *
 * @param index position in the experiment's run order (runs are interleaved: repetition 1 of
 *     every model, then repetition 2, ...)
 * @param runId folder name under {@code runs/}
 * @param outcome how it ended; only {@code ok} runs are summarized
 * @param reason why, in words, when not ok
 * @param exitCode the workload's exit code (null if it never exited by itself)
 * @param processWallMs launch to exit
 * @param readyAtMs when the {@code ready} line arrived
 * @param doneAtMs when the {@code done} line arrived
 * @param result the workload's own result, if it printed one
 * @param server what the fare server observed during this run (counters reset before it)
 * @param command the exact command line launched
 * @param interpreter the Python interpreter that ran a Python model; null for other models (and
 *     then left out of {@code run.json})
 * @param warmup warm-up passes the workload was asked for before {@code ready} (the spec's
 *     {@code warmup}); null for none, and then absent from {@code run.json}
 * @param cpu CPU time by phase; null where it was not read (folders written before it was)
 * @param sweep where the run sits in a sweep; null for a run outside one (and then absent from
 *     {@code run.json})
 * @param inFlight whether the fare server had the run's target of requests in service at once;
 *     null where the server did not hold requests
 * @param breakdown memory by kind at full in-flight and at the peak; null where not recorded
 * @param latencyLog whether the run's whole latency histogram was kept ({@link
 *     ResultsLayout#LATENCY}) and, where not, why; null without a result (nothing to keep) and in
 *     folders written before it was kept, and then absent from {@code run.json}. The result's own
 *     {@code latencyDistribution} is left out of {@code run.json}: the file holds it.
 * @param engine where the run ran when the experiment was spread over several Docker engines
 *     (address, name, id, kernel, CPU model, engine version, image ids); null with one engine,
 *     and then absent from {@code run.json}, as before there were several
 */
public record RunRecord(
    int index,
    String runId,
    String model,
    int repetition,
    Outcome outcome,
    String reason,
    Integer exitCode,
    Instant launchedAt,
    Double processWallMs,
    Double readyAtMs,
    Double doneAtMs,
    WorkloadResult result,
    Verification verification,
    MemoryFigures memory,
    Object server,
    List<String> command,
    @JsonInclude(JsonInclude.Include.NON_NULL) Interpreter interpreter,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer warmup,
    @JsonInclude(JsonInclude.Include.NON_NULL) CpuFigures cpu,
    @JsonInclude(JsonInclude.Include.NON_NULL) SweepPoint sweep,
    @JsonInclude(JsonInclude.Include.NON_NULL) InFlight inFlight,
    @JsonInclude(JsonInclude.Include.NON_NULL) MemoryBreakdown breakdown,
    @JsonInclude(JsonInclude.Include.NON_NULL) LatencyKept latencyLog,
    @JsonInclude(JsonInclude.Include.NON_NULL) java.util.Map<String, Object> engine) {

  /** This record with the engine it ran on. */
  public RunRecord withEngine(java.util.Map<String, Object> where) {
    return new RunRecord(index, runId, model, repetition, outcome, reason, exitCode, launchedAt,
        processWallMs, readyAtMs, doneAtMs, result, verification, memory, server, command,
        interpreter, warmup, cpu, sweep, inFlight, breakdown, latencyLog, where);
  }

  /**
   * This record as a run whose engine failed under it: what was seen stays (a partial series,
   * failed requests), the outcome says why none of it counts.
   */
  public RunRecord engineFailed(String why) {
    return new RunRecord(index, runId, model, repetition, Outcome.ENGINE_FAILED, why, exitCode,
        launchedAt, processWallMs, readyAtMs, doneAtMs, result, verification, memory, server,
        command, interpreter, warmup, cpu, sweep, inFlight, breakdown, latencyLog, engine);
  }

  /**
   * Whether a run's latency histogram is in its folder.
   *
   * @param file {@link ResultsLayout#LATENCY} when it was written; null (absent) when not
   * @param values the values it counts (the run's successful requests)
   * @param none why there is no file: the workload sent no distribution, or one that does not
   *     decode; null (absent) when there is one
   */
  public record LatencyKept(
      @JsonInclude(JsonInclude.Include.NON_NULL) String file,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long values,
      @JsonInclude(JsonInclude.Include.NON_NULL) String none) {

    public static LatencyKept written(long values) {
      return new LatencyKept(ResultsLayout.LATENCY, values, null);
    }

    public static LatencyKept none(String why) {
      return new LatencyKept(null, null, why);
    }
  }

  /** A record without an interpreter, warm-up passes or CPU by phase, as written before them. */
  public RunRecord(int index, String runId, String model, int repetition, Outcome outcome,
      String reason, Integer exitCode, Instant launchedAt, Double processWallMs, Double readyAtMs,
      Double doneAtMs, WorkloadResult result, Verification verification, MemoryFigures memory,
      Object server, List<String> command) {
    this(index, runId, model, repetition, outcome, reason, exitCode, launchedAt, processWallMs,
        readyAtMs, doneAtMs, result, verification, memory, server, command, null, null, null,
        null, null, null, null, null);
  }

  /**
   * A record outside a sweep, without an in-flight check, a memory breakdown or a kept latency
   * histogram.
   */
  public RunRecord(int index, String runId, String model, int repetition, Outcome outcome,
      String reason, Integer exitCode, Instant launchedAt, Double processWallMs, Double readyAtMs,
      Double doneAtMs, WorkloadResult result, Verification verification, MemoryFigures memory,
      Object server, List<String> command, Interpreter interpreter, Integer warmup,
      CpuFigures cpu) {
    this(index, runId, model, repetition, outcome, reason, exitCode, launchedAt, processWallMs,
        readyAtMs, doneAtMs, result, verification, memory, server, command, interpreter, warmup,
        cpu, null, null, null, null, null);
  }

  /**
   * The Python interpreter of one run, so a CPython and a PyPy run side by side say exactly what
   * ran them.
   *
   * @param implementation {@code cpython} or {@code pypy}, as the model declares it
   * @param executable the interpreter launched (inside the image, for a container:
   *     {@code pypy3 in faremark/workload-pypy:<tag>})
   * @param version the {@code ready} event's runtime ({@code PyPy 7.3.11 (Python 3.9.16)}); null
   *     when the run never got that far
   */
  public record Interpreter(String implementation, String executable, String version) {}

  /** Warm-up passes asked for; 0 for none. */
  public int warmupAsked() {
    return warmup == null ? 0 : warmup;
  }

  /** The warm-up passes the workload reported ({@code details.warmup}); empty for none. */
  public List<WarmupPass> warmupPasses() {
    return WarmupPass.in(result).orElse(List.of());
  }

  /**
   * Whether the workload made the passes it was asked for; true when none were asked. An external
   * model that does not know {@code warmup} reports none: its run was measured cold, and saying so
   * is better than pretending it was warm.
   */
  public boolean warmupDone() {
    return warmupAsked() == 0 || warmupPasses().size() >= warmupAsked();
  }

  /** Requests the warm-up passes meant to send (days and retries); 0 without passes. */
  public long warmupAttempts() {
    return warmupPasses().stream().mapToLong(WarmupPass::attempts).sum();
  }

  /** Request phase as the workload measured it, in ms; null without a result. */
  public Double requestPhaseMs() {
    return result == null ? null : result.requestPhase().toNanos() / 1e6;
  }

  /**
   * Requests the workload meant to send: one per day plus every retry it made of a failed attempt
   * ({@code details.retried}, by cause); null without a result.
   */
  public Long attempts() {
    if (result == null) {
      return null;
    }
    long retried = 0;
    if (result.details().get("retried") instanceof java.util.Map<?, ?> m) {
      retried = m.values().stream().mapToLong(v -> v instanceof Number n ? n.longValue() : 0).sum();
    }
    return result.requested() + retried;
  }

  /**
   * {@code /fares} requests the fare server received during this run; null where none was
   * recorded. {@code server} is the live stats object while running and a map once read back from
   * {@code run.json}: both are read through their JSON form.
   */
  public Long serverRequests() {
    if (server == null) {
      return null;
    }
    JsonNode node = Json.mapper().valueToTree(server).path("requests");
    return node.isNumber() ? node.asLong() : null;
  }

  /**
   * Requests the HTTP client re-sent on its own: server requests - {@link #attempts()} - the
   * warm-up passes' {@link #warmupAttempts() attempts} (the server's counters are reset before
   * the run, and the passes happen within it), floored at 0 (a request lost before it reached
   * the server makes the difference smaller, never negative); null where either count is
   * missing. A re-send during a warm-up pass cannot be told from one in the measured request
   * phase and counts here too: the server counts requests, not passes. The JDK HttpClient silently repeats a GET whose
   * connection died before the first response byte, so the workload never sees that attempt fail
   * and a Java model reports fewer failures than the server saw trouble.
   */
  public Long unrequestedResends() {
    Long attempts = attempts();
    Long received = serverRequests();
    return attempts == null || received == null ? null
        : Math.max(0, received - attempts - warmupAttempts());
  }
}
