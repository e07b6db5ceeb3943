package faremark.orchestrator.results.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * The two line fits of a sweep: ordinary least squares over every run, and Theil–Sen (the median
 * of the slopes between every two runs at different x) as a cross-check that one wild run does
 * not carry the slope: Theil–Sen ignores up to ~29 % of outlying points, least squares none.
 */
final class LeastSquares {
  private LeastSquares() {}

  /**
   * A fitted line y = intercept + slope·x.
   *
   * @param r2 1 − SS_residual / SS_total over the runs; null when every y is equal (nothing to
   *     explain)
   */
  record Line(double slope, double intercept, Double r2) {
    double at(double x) {
      return intercept + slope * x;
    }
  }

  /** Null when fewer than two distinct x: no line is defined. */
  static Line fit(List<Observation> obs) {
    int n = obs.size();
    if (n < 2) {
      return null;
    }
    double mx = 0;
    double my = 0;
    for (Observation o : obs) {
      mx += o.x();
      my += o.y();
    }
    mx /= n;
    my /= n;
    // centred sums: bytes (1e9) times requests (1e4) would lose digits uncentred
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    for (Observation o : obs) {
      double dx = o.x() - mx;
      double dy = o.y() - my;
      sxx += dx * dx;
      sxy += dx * dy;
      syy += dy * dy;
    }
    if (sxx == 0) {
      return null;
    }
    double slope = sxy / sxx;
    double intercept = my - slope * mx;
    double ssRes = 0;
    for (Observation o : obs) {
      double r = o.y() - (intercept + slope * o.x());
      ssRes += r * r;
    }
    return new Line(slope, intercept, syy == 0 ? null : 1 - ssRes / syy);
  }

  /** Theil–Sen slope: the median of (y_j − y_i) / (x_j − x_i) over pairs with x_i ≠ x_j; null for none. */
  static Double theilSen(List<Observation> obs) {
    List<Double> slopes = new ArrayList<>();
    for (int i = 0; i < obs.size(); i++) {
      for (int j = i + 1; j < obs.size(); j++) {
        double dx = obs.get(j).x() - obs.get(i).x();
        if (dx != 0) {
          slopes.add((obs.get(j).y() - obs.get(i).y()) / dx);
        }
      }
    }
    if (slopes.isEmpty()) {
      return null;
    }
    slopes.sort(null);
    int m = slopes.size();
    return m % 2 == 1 ? slopes.get(m / 2) : (slopes.get(m / 2 - 1) + slopes.get(m / 2)) / 2;
  }
}
