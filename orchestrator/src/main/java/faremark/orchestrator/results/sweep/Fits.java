package faremark.orchestrator.results.sweep;

import java.util.List;

/** A figure's line over its runs: least squares, bootstrap interval, Theil–Sen, linearity. */
final class Fits {
  private Fits() {}

  /** @param per what one step of x is: "request in flight" for a concurrency sweep */
  static SlopeFit fit(SweepFigure figure, List<Observation> obs, long seed, int resamples,
      String per) {
    String unit = figure.unit().id() + " per " + per;
    int points = (int) obs.stream().mapToDouble(Observation::x).distinct().count();
    LeastSquares.Line line = LeastSquares.fit(obs);
    if (line == null) {
      return SlopeFit.none(unit, obs.size(), points, obs.isEmpty() ? "no run has this figure"
          : "runs at " + points + " point" + (points == 1 ? "" : "s") + ": a line needs 2");
    }
    double[][] ys = obs.stream().map(o -> new double[] {o.y()}).toArray(double[][]::new);
    double[] slopes = RunBootstrap.column(RunBootstrap.slopes(obs, ys, seed, resamples), 0);
    Double theilSen = LeastSquares.theilSen(obs);
    return new SlopeFit(unit, obs.size(), points, round(line.slope(), 1),
        round(RunBootstrap.quantile(slopes, 0.025), 1), round(RunBootstrap.quantile(slopes, 0.975), 1),
        theilSen == null ? null : round(theilSen, 1), round(line.intercept(), 0),
        line.r2() == null ? null : round(line.r2(), 4), LackOfFit.test(obs, line), null);
  }

  /**
   * The kernel's share: both slopes over the runs having kernel and total, the interval from
   * resampling those runs once for both. Null without such runs at 2 points or with a total
   * slope of 0 or less (nothing to take a share of).
   */
  static KernelShare kernelShare(List<Observation> kernel, List<Observation> total, long seed,
      int resamples) {
    java.util.Map<String, Double> totals = new java.util.HashMap<>();
    total.forEach(o -> totals.put(o.runId(), o.y()));
    List<Observation> both = kernel.stream().filter(o -> totals.containsKey(o.runId())).toList();
    double[][] ys = both.stream().map(o -> new double[] {o.y(), totals.get(o.runId())})
        .toArray(double[][]::new);
    LeastSquares.Line k = LeastSquares.fit(both);
    LeastSquares.Line t = LeastSquares.fit(both.stream()
        .map(o -> new Observation(o.runId(), o.point(), o.x(), totals.get(o.runId()))).toList());
    if (k == null || t == null || t.slope() <= 0) {
      return null;
    }
    double[][] slopes = RunBootstrap.slopes(both, ys, seed, resamples);
    double[] ratios = new double[slopes.length];
    int kept = 0;
    for (double[] s : slopes) {
      if (s[1] > 0) {
        ratios[kept++] = s[0] / s[1];
      }
    }
    // a resample whose total slope is not positive has no share; if many do, say there is no interval
    boolean enough = kept >= 0.99 * slopes.length;
    double[] r = java.util.Arrays.copyOf(ratios, kept);
    return new KernelShare(both.size(), round(k.slope() / t.slope(), 4),
        enough ? round(RunBootstrap.quantile(r, 0.025), 4) : null,
        enough ? round(RunBootstrap.quantile(r, 0.975), 4) : null);
  }

  static double round(double v, int decimals) {
    double f = Math.pow(10, decimals);
    return Math.round(v * f) / f;
  }
}
