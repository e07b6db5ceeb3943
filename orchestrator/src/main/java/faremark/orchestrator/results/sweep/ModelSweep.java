package faremark.orchestrator.results.sweep;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One model's sweep: every point, and a line per fitted figure.
 *
 * @param breakdownSource where its memory breakdown came from (the runs' {@code
 *     breakdown.source}, distinct ones joined by " + "); null without a breakdown
 * @param fits per fitted figure id, its line
 * @param kernelShare the kernel's share of a request's memory; null without kernel and total in
 *     the breakdown
 */
public record ModelSweep(
    String model,
    List<PointResult> points,
    Map<String, SlopeFit> fits,
    @JsonInclude(JsonInclude.Include.NON_NULL) String breakdownSource,
    @JsonInclude(JsonInclude.Include.NON_NULL) KernelShare kernelShare) {

  /** The line through the runs' peaks ({@code peakBytes}), or null: the sweep's headline figure. */
  public SlopeFit peakFit() {
    return fits.get(SweepFigure.PEAK);
  }

  /** The line of {@code figure}, or null. */
  public SlopeFit fit(String figure) {
    return fits.get(figure);
  }
}
