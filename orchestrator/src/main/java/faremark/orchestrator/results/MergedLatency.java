package faremark.orchestrator.results;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * One model's request latency over all its ok runs at once: their {@code latency.hlog}
 * histograms added (an exact merge: the counts of every bucket summed, the same histogram as if
 * one run had recorded every request), then read at the percentiles. Beside the per-run medians
 * of the summary ({@code latencyP50Us} is the median of the runs' own p50s), which weigh every
 * run alike and cannot make a p99 of all requests out of runs' p99s.
 *
 * @param runs ok runs merged
 * @param runsWithout ok runs of the model without a histogram (an external model, a folder mixing
 *     old and new runs): their requests are not in these figures
 * @param count requests counted (successful ones)
 * @param p999Us the 99.9th percentile; values in µs, HdrHistogram's {@code getValueAtPercentile}
 *     at 3 significant digits, as the workloads' own summaries
 */
public record MergedLatency(
    int runs,
    int runsWithout,
    long count,
    long minUs,
    @JsonSerialize(using = PlainNumber.class) double meanUs,
    long p50Us,
    long p90Us,
    long p99Us,
    long p999Us,
    long maxUs) {

  public static final String DEFINITION = "request latency over every successful request of"
      + " the model's ok runs at once: their latency.hlog histograms (HdrHistogram, microseconds,"
      + " issued to body fully read, retries included) added bucket by bucket, then read at each"
      + " percentile (3 significant digits); runs counts the runs merged, runsWithout the ok runs"
      + " that kept no histogram and are not in it";

  /** The figures of {@code merged}, the sum of {@code runs} runs' histograms. */
  public static MergedLatency of(Histogram merged, int runs, int runsWithout) {
    if (merged.getTotalCount() == 0) {
      return new MergedLatency(runs, runsWithout, 0, 0, 0, 0, 0, 0, 0, 0);
    }
    return new MergedLatency(runs, runsWithout, merged.getTotalCount(), merged.getMinValue(),
        merged.getMean(), merged.getValueAtPercentile(50), merged.getValueAtPercentile(90),
        merged.getValueAtPercentile(99), merged.getValueAtPercentile(99.9), merged.getMaxValue());
  }

  /**
   * Per model (in {@code models}' order), the sum of its ok runs' histograms; a model none of
   * whose ok runs kept one is left out.
   */
  public static Map<String, Histogram> histograms(List<String> models, List<RunData> runs) {
    Map<String, Histogram> merged = new LinkedHashMap<>();
    for (String model : models) {
      List<Histogram> kept = new ArrayList<>();
      for (RunData run : okRuns(model, runs)) {
        run.latency().ifPresent(kept::add);
      }
      if (!kept.isEmpty()) {
        Histogram sum = LatencyLog.newHistogram();
        kept.forEach(sum::add);
        merged.put(model, sum);
      }
    }
    return merged;
  }

  /** Per model with a histogram, its merged figures. */
  public static Map<String, MergedLatency> byModel(List<String> models, List<RunData> runs) {
    Map<String, MergedLatency> out = new LinkedHashMap<>();
    histograms(models, runs).forEach((model, h) -> {
      List<RunData> ok = okRuns(model, runs);
      int with = (int) ok.stream().map(RunData::latency).filter(Optional::isPresent).count();
      out.put(model, of(h, with, ok.size() - with));
    });
    return out;
  }

  private static List<RunData> okRuns(String model, List<RunData> runs) {
    return runs.stream()
        .filter(r -> r.record().model().equals(model) && r.record().outcome().ok())
        .toList();
  }
}
