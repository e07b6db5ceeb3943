package faremark.orchestrator.experiment;

import faremark.contract.DataSize;
import faremark.orchestrator.output.SafeText;
import faremark.orchestrator.results.RunRecord;
import java.util.Locale;

/** The one line printed as each run ends. */
final class RunLine {
  private RunLine() {}

  /** The workload's own words (failure details, its done event) reach the terminal made safe. */
  static String of(RunRecord r) {
    return SafeText.line(raw(r));
  }

  private static String raw(RunRecord r) {
    StringBuilder s = new StringBuilder(r.outcome().id());
    if (r.requestPhaseMs() != null) {
      s.append(String.format(Locale.ROOT, "  request phase %.3f s", r.requestPhaseMs() / 1000));
    }
    if (r.memory() != null && r.memory().peakBytes() != null) {
      s.append("  peak ").append(DataSize.ofBytes(r.memory().peakBytes()).human());
    }
    if (r.memory() != null && r.memory().baselineBytes() != null) {
      s.append("  baseline ").append(DataSize.ofBytes(r.memory().baselineBytes()).human());
    }
    if (r.verification() != null) {
      s.append("  ").append(r.verification().describe());
    }
    if (r.result() != null && r.result().details().get("retried") instanceof java.util.Map<?, ?> m
        && !m.isEmpty()) {
      s.append("  retried ").append(m); // a run retried into success is not a clean one
    }
    if (r.unrequestedResends() instanceof Long resent && resent > 0) {
      // The JDK client re-sends an idempotent GET once when its connection dies before the
      // first response byte (a reset, a close); the workload never sees that attempt fail.
      s.append("  server saw ").append(r.serverRequests()).append(" requests for ")
          .append(r.attempts() + r.warmupAttempts())
          .append(r.warmupAttempts() > 0 ? " attempts (warm-up passes included)" : " attempts")
          .append(": the HTTP client re-sent ").append(resent).append(" on its own");
    }
    if (r.warmupAsked() > 0) {
      // the cold part the passes took off the request phase, or that they were not made at all
      s.append(r.warmupDone() ? warmupText(r) : "  warm-up not done (the workload reported no passes:"
          + " measured cold)");
    }
    if (r.cpu() != null && r.cpu().requestPhaseMs() != null) {
      s.append("  CPU in phase ").append(r.cpu().requestPhaseMs()).append(" ms");
    }
    if (!r.reason().isEmpty()) {
      s.append("  (").append(r.reason()).append(')');
    }
    return s.toString();
  }

  private static String warmupText(RunRecord r) {
    StringBuilder s = new StringBuilder("  after warm-up");
    for (var pass : r.warmupPasses()) {
      s.append(String.format(Locale.ROOT, " %.3f s", pass.requestPhase().toNanos() / 1e9));
    }
    return s.toString();
  }
}
