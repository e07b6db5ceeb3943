package faremark.orchestrator.backend;

import faremark.orchestrator.sampling.BreakdownTracker;
import faremark.orchestrator.sampling.MemorySample;
import faremark.orchestrator.sampling.MemoryTotals;
import faremark.orchestrator.sampling.SamplerStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a backend saw of one run, before any judgement: the raw material of a {@link
 * faremark.orchestrator.results.RunRecord}.
 *
 * @param exitCode empty when the process had to be killed
 * @param timedOut killed for running past the scenario's timeout
 * @param interrupted stopped by Ctrl-C
 * @param processWall launch to exit
 * @param failure what ran the run failed under it (its pod evicted, its node lost): judged
 *     {@code engine-failed}, before anything the run itself reported
 * @param breakdown memory by kind at the barrier's release and at the peak, where the backend
 *     reads the run's cgroup files; empty elsewhere
 */
public record RunObservation(
    List<String> command,
    Instant launchedAt,
    Optional<Integer> exitCode,
    boolean timedOut,
    boolean interrupted,
    Duration processWall,
    EventLog events,
    List<MemorySample> samples,
    SamplerStats samplerStats,
    Optional<MemoryTotals> totals,
    String memorySource,
    String memoryDefinition,
    Optional<String> failure,
    Optional<BreakdownTracker.Snapshots> breakdown) {

  /** Without a breakdown, as every backend saw runs before it. */
  public RunObservation(List<String> command, Instant launchedAt, Optional<Integer> exitCode,
      boolean timedOut, boolean interrupted, Duration processWall, EventLog events,
      List<MemorySample> samples, SamplerStats samplerStats, Optional<MemoryTotals> totals,
      String memorySource, String memoryDefinition, Optional<String> failure) {
    this(command, launchedAt, exitCode, timedOut, interrupted, processWall, events, samples,
        samplerStats, totals, memorySource, memoryDefinition, failure, Optional.empty());
  }
}
