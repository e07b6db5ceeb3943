package faremark.orchestrator.experiment;

import faremark.contract.WorkloadEvent;
import faremark.contract.WorkloadResult;
import faremark.orchestrator.backend.RunObservation;
import faremark.orchestrator.results.LatencyLog;
import faremark.orchestrator.results.RunRecord.LatencyKept;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * What becomes of the latency distribution a run's {@code done} event carried: the histogram to
 * keep as the run's {@code latency.hlog}, or why there is none. One decision for the record
 * ({@link RunJudge}) and the file ({@link RunFiles}), whatever backend the run came from: the
 * distribution arrives on the workload's stdout, which both backends hand over line by line.
 *
 * @param histogram what to write; empty when there is nothing to keep
 * @param kept what {@code run.json} says about it; null when the run has no result at all
 */
record RunLatency(Optional<Histogram> histogram, LatencyKept kept) {

  static RunLatency of(RunObservation seen) {
    return of(seen.events().done().map(WorkloadEvent.Done::result));
  }

  static RunLatency of(Optional<WorkloadResult> result) {
    if (result.isEmpty()) {
      return new RunLatency(Optional.empty(), null);
    }
    if (result.get().latencyDistribution() == null) {
      return new RunLatency(Optional.empty(), LatencyKept.none(
          "the workload's result carried no latencyDistribution (optional in the contract):"
              + " only its latency summary is known"));
    }
    try {
      Histogram h = LatencyLog.histogram(result.get().latencyDistribution());
      return new RunLatency(Optional.of(h), LatencyKept.written(h.getTotalCount()));
    } catch (IllegalArgumentException e) {
      return new RunLatency(Optional.empty(), LatencyKept.none(
          "the workload's latencyDistribution was not kept: " + e.getMessage()));
    }
  }
}
