package faremark.orchestrator.results.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The least-squares slope's run-level bootstrap: each resample draws, at every sweep point, as
 * many runs as the point has, with replacement from that point's runs (stratified: every
 * resample keeps the sweep's design, so no resample lacks a point), and refits the slope. The
 * 95 % interval is the 2.5th and 97.5th percentile of the resampled slopes. Runs are the units
 * resampled, never memory samples: one run is one independent measurement.
 *
 * <p>Each drawn run enters as its point's mean plus its deviation from that mean scaled by
 * sqrt(n/(n-1)), n the point's runs (Davison and Hinkley 1997, §3.3, for stratified data). Drawn
 * as they are, n runs with replacement spread their mean by only (n-1)/n of the variance the
 * runs show: half of it at 2 runs a point, so a plain percentile interval came out about 0.7
 * times as wide as it should and missed a known slope in 2 of 4 sweeps of the end-to-end test.
 * A point with one run has no spread to scale and adds none.
 *
 * <p>Seeded ({@link SplittableRandom}, whose sequence for a seed is fixed by its specification):
 * the same runs, seed and number of resamples give the same interval on every machine and JVM.
 */
final class RunBootstrap {
  private RunBootstrap() {}

  /**
   * Slopes of {@code resamples} resamples for each y column at once, the columns resampled
   * together (the same runs drawn for each), so a ratio of two slopes gets its interval from
   * the same draws. {@code ys[i][k]} is run i's figure k.
   *
   * @return {@code slopes[b][k]}; empty when there is no line (fewer than 2 distinct x)
   */
  static double[][] slopes(List<Observation> runs, double[][] ys, long seed, int resamples) {
    // group run indices by x; the x design (values and counts) is the same in every resample,
    // so centred x and its sum of squares are fixed
    TreeMap<Double, List<Integer>> byX = new TreeMap<>();
    for (int i = 0; i < runs.size(); i++) {
      byX.computeIfAbsent(runs.get(i).x(), x -> new ArrayList<>()).add(i);
    }
    int n = runs.size();
    double mx = runs.stream().mapToDouble(Observation::x).sum() / Math.max(1, n);
    double sxx = runs.stream().mapToDouble(o -> (o.x() - mx) * (o.x() - mx)).sum();
    if (byX.size() < 2 || sxx == 0) {
      return new double[0][];
    }
    int columns = ys.length == 0 ? 0 : ys[0].length;
    double[] shift = new double[columns]; // centring y keeps the sums small: bytes are ~1e9
    for (double[] row : ys) {
      for (int k = 0; k < columns; k++) {
        shift[k] += row[k] / n;
      }
    }
    List<int[]> groups = byX.values().stream()
        .map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toList();
    double[] dx = groups.stream().mapToDouble(g -> runs.get(g[0]).x() - mx).toArray();
    // per point: its mean per column and the scale that gives its runs' deviations the variance
    // of a mean of n independent runs
    double[][] mean = new double[groups.size()][columns];
    double[] scale = new double[groups.size()];
    for (int g = 0; g < groups.size(); g++) {
      int[] members = groups.get(g);
      for (int i : members) {
        for (int k = 0; k < columns; k++) {
          mean[g][k] += ys[i][k] / members.length;
        }
      }
      scale[g] = members.length < 2 ? 1 : Math.sqrt(members.length / (members.length - 1.0));
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[][] out = new double[resamples][columns];
    for (int b = 0; b < resamples; b++) {
      double[] sxy = out[b];
      for (int g = 0; g < groups.size(); g++) {
        int[] members = groups.get(g);
        for (int draw = 0; draw < members.length; draw++) {
          double[] row = ys[members[random.nextInt(members.length)]];
          for (int k = 0; k < columns; k++) {
            double y = mean[g][k] + scale[g] * (row[k] - mean[g][k]);
            sxy[k] += dx[g] * (y - shift[k]);
          }
        }
      }
      for (int k = 0; k < columns; k++) {
        sxy[k] /= sxx;
      }
    }
    return out;
  }

  /** The {@code q} quantile (0..1) of {@code values}, linear between order statistics. */
  static double quantile(double[] values, double q) {
    double[] v = values.clone();
    Arrays.sort(v);
    double pos = q * (v.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(v.length - 1, lo + 1);
    return v[lo] + (pos - lo) * (v[hi] - v[lo]);
  }

  static double[] column(double[][] slopes, int k) {
    double[] c = new double[slopes.length];
    for (int b = 0; b < slopes.length; b++) {
      c[b] = slopes[b][k];
    }
    return c;
  }
}
