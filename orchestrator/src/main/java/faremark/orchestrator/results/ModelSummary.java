package faremark.orchestrator.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One model's figures over its ok runs (failed, crashed, OOM-killed and unverified runs are
 * counted in {@code outcomes} but never enter a statistic). Units are in the field names.
 *
 * @param idealRequestPhaseMs what the request phase would take if nothing but the server's mean
 *     service time cost anything: ceil(days / parallelism) x mean service time, where parallelism
 *     is the least of the model's concurrency, its pool, its processes and the server's caps
 *     (null where unknown, e.g. external models)
 * @param requestPhaseVsIdeal median request phase / ideal: 1.0 is perfect, 1.1 is 10 % overhead
 * @param unrequestedResends requests the HTTP client re-sent on its own ({@link
 *     RunRecord#unrequestedResends()}), summed over every run of the model, ok or not, whose
 *     result and server count were recorded; null when no run had both
 * @param requestPhaseCpuMs CPU time between ready and done over the ok runs; null (and absent
 *     from the file) where no run recorded it, as in folders written before it was
 * @param latencyMerged latency over every request of the ok runs, from their merged histograms;
 *     null (and absent from the file) where no ok run kept one, as in folders written before
 */
public record ModelSummary(
    String model,
    int runs,
    int ok,
    Map<String, Integer> outcomes,
    boolean allVerified,
    Stat requestPhaseMs,
    Stat processWallMs,
    Stat peakBytes,
    Stat baselineBytes,
    Stat peakAboveBaselineBytes,
    Stat phasePeakBytes,
    Stat anonPeakBytes,
    Stat cpuMs,
    Stat latencyP50Us,
    Stat latencyP99Us,
    Stat serverMaxInFlight,
    Double idealRequestPhaseMs,
    Double requestPhaseVsIdeal,
    Long unrequestedResends,
    @JsonInclude(JsonInclude.Include.NON_NULL) Stat requestPhaseCpuMs,
    @JsonInclude(JsonInclude.Include.NON_NULL) MergedLatency latencyMerged) {

  /** Without merged latency, as before histograms were kept. */
  public ModelSummary(String model, int runs, int ok, Map<String, Integer> outcomes,
      boolean allVerified, Stat requestPhaseMs, Stat processWallMs, Stat peakBytes,
      Stat baselineBytes, Stat peakAboveBaselineBytes, Stat phasePeakBytes, Stat anonPeakBytes,
      Stat cpuMs, Stat latencyP50Us, Stat latencyP99Us, Stat serverMaxInFlight,
      Double idealRequestPhaseMs, Double requestPhaseVsIdeal, Long unrequestedResends,
      Stat requestPhaseCpuMs) {
    this(model, runs, ok, outcomes, allVerified, requestPhaseMs, processWallMs, peakBytes,
        baselineBytes, peakAboveBaselineBytes, phasePeakBytes, anonPeakBytes, cpuMs, latencyP50Us,
        latencyP99Us, serverMaxInFlight, idealRequestPhaseMs, requestPhaseVsIdeal,
        unrequestedResends, requestPhaseCpuMs, null);
  }

  /** The same figures with {@code merged} as the merged latency (null: none). */
  public ModelSummary withLatencyMerged(MergedLatency merged) {
    return new ModelSummary(model, runs, ok, outcomes, allVerified, requestPhaseMs, processWallMs,
        peakBytes, baselineBytes, peakAboveBaselineBytes, phasePeakBytes, anonPeakBytes, cpuMs,
        latencyP50Us, latencyP99Us, serverMaxInFlight, idealRequestPhaseMs, requestPhaseVsIdeal,
        unrequestedResends, requestPhaseCpuMs, merged);
  }

  /** Without CPU by phase, as before it was recorded. */
  public ModelSummary(String model, int runs, int ok, Map<String, Integer> outcomes,
      boolean allVerified, Stat requestPhaseMs, Stat processWallMs, Stat peakBytes,
      Stat baselineBytes, Stat peakAboveBaselineBytes, Stat phasePeakBytes, Stat anonPeakBytes,
      Stat cpuMs, Stat latencyP50Us, Stat latencyP99Us, Stat serverMaxInFlight,
      Double idealRequestPhaseMs, Double requestPhaseVsIdeal, Long unrequestedResends) {
    this(model, runs, ok, outcomes, allVerified, requestPhaseMs, processWallMs, peakBytes,
        baselineBytes, peakAboveBaselineBytes, phasePeakBytes, anonPeakBytes, cpuMs, latencyP50Us,
        latencyP99Us, serverMaxInFlight, idealRequestPhaseMs, requestPhaseVsIdeal,
        unrequestedResends, null, null);
  }
}
