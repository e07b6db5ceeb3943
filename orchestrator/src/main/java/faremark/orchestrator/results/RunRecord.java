package faremark.orchestrator.results;

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
    List<String> command) {

  /** Request phase as the workload measured it, in ms; null without a result. */
  public Double requestPhaseMs() {
    return result == null ? null : result.requestPhase().toNanos() / 1e6;
  }
}
