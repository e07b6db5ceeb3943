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
    SplittableRandom random = new SplittableRandom(seed);
    double[][] out = new double[resamples][columns];
    for (int b = 0; b < resamples; b++) {
      double[] sxy = out[b];
      for (int g = 0; g < groups.size(); g++) {
        int[] members = groups.get(g);
        for (int draw = 0; draw < members.length; draw++) {
          double[] row = ys[members[random.nextInt(members.length)]];
          for (int k = 0; k < columns; k++) {
            sxy[k] += dx[g] * (row[k] - shift[k]);
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
