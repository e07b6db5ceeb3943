package faremark.orchestrator.results.sweep;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import faremark.orchestrator.results.DistributionFree;
import faremark.orchestrator.results.PlainNumber;
import faremark.orchestrator.results.Stat;
import java.util.List;

/**
 * A figure's median over the runs of one sweep point, with its distribution-free interval
 * ({@link DistributionFree#median}: order statistics, no assumption on the distribution; with
 * fewer than 6 runs no interval reaches 95 % and [min, max] is given with the coverage it has).
 *
 * @param coverage the interval's exact coverage for continuous data: 0.969 for 6 runs
 */
public record Estimate(
    int n,
    @JsonSerialize(using = PlainNumber.class) double median,
    @JsonSerialize(using = PlainNumber.class) double low,
    @JsonSerialize(using = PlainNumber.class) double high,
    @JsonSerialize(using = PlainNumber.class) double coverage) {

  /** Null for no values. */
  static Estimate of(List<Double> values) {
    Stat s = Stat.of(values);
    if (s == null) {
      return null;
    }
    DistributionFree.Interval i = DistributionFree.median(values);
    return new Estimate(s.n(), s.median(), i.low(), i.high(), Fits.round(i.coverage(), 4));
  }
}
