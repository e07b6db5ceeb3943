package faremark.orchestrator.results.sweep;

import faremark.orchestrator.results.RunRecord;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * How two experiments' slopes differ (B against A), per model both swept and per line figure:
 * the difference of the least-squares slopes with a 95 % interval from the bootstrap of the
 * difference (A and B resampled independently, each run-level and stratified as for one slope,
 * B's b-th slope minus A's b-th; percentiles of those differences). The slopes differ when that
 * interval excludes 0. This is sharper than asking whether the two slopes' own intervals
 * overlap: two 95 % intervals can overlap while the difference is clearly not 0.
 */
public record SweepComparison(long seed, int resamples, List<SlopeDiff> slopes) {

  /**
   * The figures compared: the peak, and at full in-flight the total and the anonymous memory (the
   * process's own, without the kernel's page tables and socket buffers), where both have them.
   */
  static final List<String> FIGURES =
      List.of(SweepFigure.PEAK, SweepFigure.AT_FULL + "total", SweepFigure.AT_FULL + "anon");

  /**
   * @param a A's slope (figure's unit per request in flight)
   * @param low 2.5th percentile of the bootstrap differences B − A
   * @param differ whether [low, high] excludes 0
   */
  public record SlopeDiff(String model, String figure, double a, double b, double low,
      double high, boolean differ) {
    public double difference() {
      return b - a;
    }
  }

  /** Empty slopes when no model has a line on both sides. */
  public static SweepComparison of(List<RunRecord> a, List<RunRecord> b, long seed, int resamples) {
    LinkedHashSet<String> models = new LinkedHashSet<>();
    a.stream().filter(r -> r.sweep() != null).forEach(r -> models.add(SweepAnalyzer.series(r)));
    List<SlopeDiff> diffs = new ArrayList<>();
    for (String model : models) {
      for (String id : FIGURES) {
        SweepFigure figure = id.equals(SweepFigure.PEAK) ? SweepFigure.peak()
            : SweepFigure.atFullInFlight(id.substring(SweepFigure.AT_FULL.length()));
        List<Observation> oa = SweepAnalyzer.observations(a, model, figure);
        List<Observation> ob = SweepAnalyzer.observations(b, model, figure);
        LeastSquares.Line la = LeastSquares.fit(oa);
        LeastSquares.Line lb = LeastSquares.fit(ob);
        if (la == null || lb == null) {
          continue;
        }
        double[] sa = RunBootstrap.column(RunBootstrap.slopes(oa, ys(oa), seed, resamples), 0);
        // another stream for B: the two experiments' resamples are independent
        double[] sb = RunBootstrap.column(RunBootstrap.slopes(ob, ys(ob), seed + 1, resamples), 0);
        double[] d = new double[resamples];
        for (int i = 0; i < resamples; i++) {
          d[i] = sb[i] - sa[i];
        }
        double low = RunBootstrap.quantile(d, 0.025);
        double high = RunBootstrap.quantile(d, 0.975);
        diffs.add(new SlopeDiff(model, id, Fits.round(la.slope(), 1), Fits.round(lb.slope(), 1),
            Fits.round(low, 1), Fits.round(high, 1), low > 0 || high < 0));
      }
    }
    return new SweepComparison(seed, resamples, diffs);
  }

  private static double[][] ys(List<Observation> obs) {
    return obs.stream().map(o -> new double[] {o.y()}).toArray(double[][]::new);
  }
}
