package faremark.orchestrator.experiment;

import faremark.contract.WorkloadEvent;
import faremark.contract.WorkloadResult;
import faremark.contract.model.Language;
import faremark.contract.model.ModelDeclaration;
import faremark.contract.model.PythonImplementation;
import faremark.orchestrator.backend.EventLog;
import faremark.orchestrator.backend.RunObservation;
import faremark.orchestrator.lifecycle.ShutdownGuard;
import faremark.orchestrator.model.Models;
import faremark.orchestrator.results.CpuFigures;
import faremark.orchestrator.results.InFlight;
import faremark.orchestrator.results.MemoryBreakdown;
import faremark.orchestrator.results.SweepPoint;
import faremark.orchestrator.sampling.BreakdownTracker;
import java.util.LinkedHashMap;
import java.util.Map;
import faremark.orchestrator.results.MemoryFigures;
import faremark.orchestrator.results.MemoryFiguresCalculator;
import faremark.orchestrator.results.Outcome;
import faremark.orchestrator.results.ResultsLayout;
import faremark.orchestrator.results.RunRecord;
import faremark.orchestrator.sampling.MemoryTotals;
import faremark.orchestrator.scenario.ScenarioDefaults;
import faremark.orchestrator.verify.Verification;
import faremark.orchestrator.verify.Verifier;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Turns what was seen of a run into its record: verifies the answer and decides the outcome.
 * The order of the checks is the order of blame: a kill by us or the kernel explains everything
 * after it, a broken contract makes the result untrustworthy, failed requests explain a partial
 * answer, and only then does a wrong answer mean the model computed something untrue.
 */
public final class RunJudge {
  private final Verifier verifier;
  private final int warmup;

  public RunJudge(Verifier verifier) {
    this(verifier, 0);
  }

  /** @param warmup the scenario's warm-up passes per measured run ({@code run.warmup}) */
  public RunJudge(Verifier verifier, int warmup) {
    this.verifier = verifier;
    this.warmup = warmup;
  }

  public RunRecord judge(PlannedRun run, RunObservation seen, Object serverStats) {
    return judge(run, seen, serverStats, null, null);
  }

  /**
   * @param sweep where the run sits in a sweep; null outside one
   * @param inFlight what the fare server's barrier saw; null without one
   */
  public RunRecord judge(PlannedRun run, RunObservation seen, Object serverStats, SweepPoint sweep,
      InFlight inFlight) {
    Optional<WorkloadResult> result = seen.events().done().map(d -> d.result());
    Verification verification = verifier.verify(result.map(WorkloadResult::aggregate));
    long oomKills = seen.totals().map(MemoryTotals::oomKills).orElse(0L);
    Outcome outcome;
    String reason;
    if (seen.interrupted()) {
      outcome = Outcome.INTERRUPTED;
      reason = "stopped by " + ShutdownGuard.stopSignal().said();
    } else if (seen.timedOut()) {
      outcome = Outcome.TIMED_OUT;
      reason = "still running after the scenario's run timeout; killed";
    } else if (oomKills > 0) {
      outcome = Outcome.OOM_KILLED;
      reason = "the kernel's OOM killer ended " + oomKills + " process(es) at the memory limit";
    } else if (seen.failure().isPresent()) {
      // the machine under the run went (a pod evicted, its node lost): nothing it did counts
      outcome = Outcome.ENGINE_FAILED;
      reason = seen.failure().get();
    } else if (result.isEmpty()) {
      outcome = Outcome.CRASHED;
      reason = "exited with " + seen.exitCode().map(String::valueOf).orElse("?")
          + " without a done event" + violations(seen) + " (see " + ResultsLayout.STDERR + ")";
    } else if (!seen.events().violations().isEmpty()) {
      outcome = Outcome.CRASHED;
      reason = "broke the workload contract" + violations(seen);
    } else if (result.get().failedTotal() > 0 || result.get().ok() < result.get().requested()) {
      outcome = Outcome.FAILED_REQUESTS;
      reason = result.get().failedTotal() + " of " + result.get().requested()
          + " requests failed: " + result.get().failed();
    } else if (!verification.verified()) {
      outcome = Outcome.UNVERIFIED;
      reason = "answer " + verification.describe();
    } else if (seen.exitCode().orElse(-1) != 0) {
      outcome = Outcome.CRASHED;
      reason = "every request succeeded but the exit code was "
          + seen.exitCode().map(String::valueOf).orElse("?") + ", not 0";
    } else {
      outcome = Outcome.OK;
      reason = "";
    }
    MemoryFigures memory =
        MemoryFiguresCalculator.compute(
            seen.memorySource(),
            seen.memoryDefinition(),
            seen.samples(),
            seen.events().readyAt(),
            seen.events().doneAt(),
            seen.totals().map(MemoryTotals::peakBytes).orElse(OptionalLong.empty()),
            seen.totals().flatMap(MemoryTotals::cpuTime),
            oomKills);
    return new RunRecord(
        run.index(),
        run.runId(),
        run.model(),
        run.repetition(),
        outcome,
        reason,
        seen.exitCode().orElse(null),
        seen.launchedAt(),
        millis(seen.processWall()),
        seen.events().readyAt().map(RunJudge::millis).orElse(null),
        seen.events().doneAt().map(RunJudge::millis).orElse(null),
        // the distribution goes to its own file (RunFiles), not into run.json
        result.map(WorkloadResult::withoutLatencyDistribution).orElse(null),
        verification,
        memory,
        serverStats,
        seen.command(),
        interpreter(run.model(), seen).orElse(null),
        warmupAsked(run),
        cpu(seen),
        sweep,
        inFlight,
        seen.breakdown().map(RunJudge::breakdown).orElse(null),
        RunLatency.of(result).kept(),
        null);
  }

  /**
   * The tracker's snapshots as the run record keeps them: an empty map where none was read (at
   * full in flight: no barrier released the run's requests, which its inFlight says).
   */
  static MemoryBreakdown breakdown(BreakdownTracker.Snapshots s) {
    return new MemoryBreakdown(s.source(), s.atFullInFlight().orElse(Map.of()),
        s.atPeak().orElse(Map.of()), new LinkedHashMap<>(s.missing()));
  }

  /** The warm-up passes the run's spec asked for (as {@link PlannedRun#spec}); null for none. */
  private Integer warmupAsked(PlannedRun run) {
    int asked = run.reference() ? ScenarioDefaults.FIRST_USE_WARMUP : warmup;
    return asked == 0 ? null : asked;
  }

  /** CPU by phase from the counter readings taken as the events arrived; null without any. */
  private static CpuFigures cpu(RunObservation seen) {
    return CpuFigures.of(
        seen.events().cpuAtReady().map(Duration::toMillis).orElse(null),
        seen.events().cpuAtDone().map(Duration::toMillis).orElse(null),
        seen.totals().flatMap(MemoryTotals::cpuTime).map(Duration::toMillis).orElse(null));
  }

  /**
   * A Python model's interpreter: its implementation as declared, the executable from the
   * command line (the first word after a backend's {@code container:<image>} marker, named with
   * that image) and the version the {@code ready} event gave.
   */
  static Optional<RunRecord.Interpreter> interpreter(String model, RunObservation seen) {
    Optional<PythonImplementation> implementation = Models.find(model)
        .flatMap(ModelDeclaration::python).map(Language.Python::implementation);
    if (implementation.isEmpty() || seen.command().isEmpty()) {
      return Optional.empty();
    }
    List<String> command = seen.command();
    String executable = command.get(0);
    if (executable.startsWith(CONTAINER) && command.size() > 1) {
      executable = command.get(1) + " in " + executable.substring(CONTAINER.length());
    }
    String version = seen.events().ready().map(WorkloadEvent.Ready::runtime).orElse(null);
    return Optional.of(new RunRecord.Interpreter(implementation.get().id(), executable, version));
  }

  /** How the docker backend marks the image a command ran in (WorkloadContainer). */
  private static final String CONTAINER = "container:";

  private static String violations(RunObservation seen) {
    return seen.events().violations().isEmpty()
        ? ""
        : "; " + seen.events().violations().stream().limit(3).collect(Collectors.joining("; "));
  }

  private static double millis(Duration d) {
    return d.toNanos() / 1e6;
  }
}
