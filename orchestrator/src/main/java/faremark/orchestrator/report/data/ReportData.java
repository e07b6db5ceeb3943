package faremark.orchestrator.report.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import faremark.orchestrator.results.FirstUseSummary;
import faremark.orchestrator.results.Stat;
import faremark.orchestrator.results.sweep.SweepAnalysis;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the report shows, and nothing it does not: written as {@code report-data.json} next
 * to {@code report.html} and drawn by the charts. Derived from the raw run data only. Memory in
 * MiB (2^20 bytes), times in milliseconds; statistics are {n, median, min, max} over ok runs.
 *
 * @param peakDefinition what "peak" means for this experiment's memory source
 * @param models one entry per model in scenario order, with its colour
 * @param skippedModels models that could not run on this machine (a Python model whose libraries
 *     do not import), with why; empty when none was skipped
 * @param runs every run, ok or not, with its aligned memory series
 * @param figures every figure with its unit, definition and per-model value
 * @param scenario the resolved scenario as a generic tree (new sections appear unchanged)
 * @param environment the environment record as written
 * @param caveats what the numbers do and do not say
 * @param warmup warm-up passes every measured run made before {@code ready} ({@code
 *     run.warmup}); null (and absent from the file) for none
 * @param firstUse the runtime's first use per model, from the first-use reference runs (as in
 *     {@code summary.json}); null (and absent from the file) without them
 * @param sweep the sweep's figures and lines (as {@code sweep.json}); null (and absent from the
 *     file) when no run has a sweep point
 */
public record ReportData(
    String name,
    String description,
    Instant startedAt,
    Instant endedAt,
    String backend,
    String memorySource,
    String peakDefinition,
    boolean interrupted,
    int runCount,
    int okRuns,
    List<ModelReport> models,
    Map<String, String> skippedModels,
    List<RunReport> runs,
    List<FigureRow> figures,
    Map<String, Object> scenario,
    Map<String, Object> environment,
    List<String> caveats,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer warmup,
    @JsonInclude(JsonInclude.Include.NON_NULL) FirstUseSummary firstUse,
    @JsonInclude(JsonInclude.Include.NON_NULL) SweepAnalysis sweep) {

  /**
   * One model over its runs. Statistics cover ok runs only.
   *
   * @param medianRunId the ok run drawn solid in the memory chart: the median by peak (the lower
   *     of the two middle runs when there is an even number); null without an ok run
   * @param failedRequests requests failed by cause, summed over every run of the model
   * @param unrequestedResends requests the HTTP client re-sent on its own, summed over every run
   *     of the model whose result and server count were recorded (null where none was)
   * @param unrequestedResendsPerRun the same divided by the number of those runs, so experiments
   *     with different repetitions compare
   * @param latencyCurve the percentile distribution of every request of the ok runs, from their
   *     merged {@code latency.hlog} histograms; null (and absent from the file) where none kept one
   */
  public record ModelReport(
      String id,
      String color,
      int runs,
      int ok,
      Map<String, Integer> outcomes,
      String medianRunId,
      Stat peakMiB,
      Stat baselineMiB,
      Stat peakAboveBaselineMiB,
      Stat requestPhaseMs,
      Stat latencyP50Ms,
      Stat latencyP90Ms,
      Stat latencyP99Ms,
      Stat latencyMaxMs,
      Map<String, Integer> failedRequests,
      Long unrequestedResends,
      Double unrequestedResendsPerRun,
      @JsonInclude(JsonInclude.Include.NON_NULL) LatencyCurve latencyCurve) {

    /** Without a latency curve, as every folder before histograms were kept. */
    public ModelReport(String id, String color, int runs, int ok, Map<String, Integer> outcomes,
        String medianRunId, Stat peakMiB, Stat baselineMiB, Stat peakAboveBaselineMiB,
        Stat requestPhaseMs, Stat latencyP50Ms, Stat latencyP90Ms, Stat latencyP99Ms,
        Stat latencyMaxMs, Map<String, Integer> failedRequests, Long unrequestedResends,
        Double unrequestedResendsPerRun) {
      this(id, color, runs, ok, outcomes, medianRunId, peakMiB, baselineMiB, peakAboveBaselineMiB,
          requestPhaseMs, latencyP50Ms, latencyP90Ms, latencyP99Ms, latencyMaxMs, failedRequests,
          unrequestedResends, unrequestedResendsPerRun, null);
    }
  }

  /**
   * HdrHistogram's percentile distribution of one model's merged histogram (its {@code
   * outputPercentileDistribution} steps: 5 per halving of the distance to 100 %).
   *
   * @param runs ok runs merged
   * @param count requests in the histogram
   * @param points [percentile (0-100), latency in ms] pairs, percentile rising, the last at 100
   *     (the largest value); each latency is the highest value of its histogram bucket
   */
  public record LatencyCurve(int runs, long count, List<double[]> points) {}

  /**
   * One run.
   *
   * @param aligned whether the series is aligned at the run's own {@code ready} event; a run that
   *     never said ready is placed where the model's ready runs typically were
   * @param doneMs the {@code done} event, in ms since {@code ready}
   * @param unrequestedResends requests the HTTP client re-sent on its own in this run (null when
   *     the run recorded no result or no server count)
   * @param series [ms since ready, MiB] pairs of current usage; long runs are thinned to the
   *     lowest and highest sample of each slice of time, so no peak disappears
   */
  public record RunReport(
      String runId,
      String model,
      int repetition,
      String outcome,
      String reason,
      boolean median,
      boolean aligned,
      Double doneMs,
      Double requestPhaseMs,
      Double peakMiB,
      Double peakAboveBaselineMiB,
      String peakSource,
      Long unrequestedResends,
      List<double[]> series) {}

  /**
   * @param values per model id: "median [min – max] (n)" or "-" without an ok run
   */
  public record FigureRow(
      String figure, String unit, String definition, Map<String, String> values) {}
}
