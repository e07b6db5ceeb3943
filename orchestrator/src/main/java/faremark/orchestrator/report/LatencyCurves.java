package faremark.orchestrator.report;

import faremark.orchestrator.report.data.ReportData.LatencyCurve;
import faremark.orchestrator.results.ExperimentData;
import faremark.orchestrator.results.MergedLatency;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Each model's latency percentile curve, from the merged histograms of its ok runs: the points
 * HdrHistogram's own {@code outputPercentileDistribution} prints, so the report's chart and
 * HdrHistogram's plotter show the same steps.
 */
final class LatencyCurves {
  /** HdrHistogram's default: 5 reporting points per halving of the distance to 100 %. */
  static final int TICKS_PER_HALF_DISTANCE = 5;

  private LatencyCurves() {}

  /** Per model id with a histogram; none for a folder without {@code latency.hlog} files. */
  static Map<String, LatencyCurve> of(ExperimentData data) {
    Map<String, LatencyCurve> curves = new LinkedHashMap<>();
    Map<String, MergedLatency> figures = MergedLatency.byModel(data.measuredModels(), data.runs());
    MergedLatency.histograms(data.measuredModels(), data.runs()).forEach((model, h) ->
        curves.put(model, of(h, figures.get(model).runs())));
    return curves;
  }

  static LatencyCurve of(Histogram merged, int runs) {
    List<double[]> points = new ArrayList<>();
    if (merged.getTotalCount() > 0) {
      for (HistogramIterationValue v : merged.percentiles(TICKS_PER_HALF_DISTANCE)) {
        points.add(new double[] {
            v.getPercentileLevelIteratedTo(),
            v.getValueIteratedTo() / 1000.0}); // the bucket's highest value, as HdrHistogram prints
      }
    }
    return new LatencyCurve(runs, merged.getTotalCount(), points);
  }
}
