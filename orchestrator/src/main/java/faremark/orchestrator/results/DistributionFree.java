package faremark.orchestrator.results;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Confidence intervals that assume nothing about the distribution of run times (a request phase
 * has a long right tail on a busy machine): order statistics for a median, and the Mann–Whitney
 * interval for the shift between two samples. With few runs no interval reaches the aimed-for
 * coverage; the widest one, [min, max], is then given with the coverage it has, never a smaller
 * claim dressed up as 95 %.
 */
public final class DistributionFree {
  /** The coverage aimed for. */
  public static final double COVERAGE = 0.95;

  private DistributionFree() {}

  /**
   * An interval and the probability that it holds the true value.
   *
   * @param coverage exact for continuous data: 0.969 for the median of 6 runs ([min, max]), 0.75
   *     for 3
   */
  public record Interval(double low, double high, double coverage) {
    public boolean contains(double v) {
      return low <= v && v <= high;
    }

    public boolean overlaps(Interval other) {
      return low <= other.high && other.low <= high;
    }
  }

  /**
   * The median's interval [x(k), x(n−k+1)] with the largest k whose coverage 1 − 2·P(B ≤ k−1),
   * B ~ Binomial(n, ½), is still at least {@link #COVERAGE}; for n ≤ 5, [min, max] and its
   * coverage. Null for no values.
   */
  public static Interval median(Collection<Double> values) {
    List<Double> x = sorted(values);
    int n = x.size();
    if (n == 0) {
      return null;
    }
    int k = 1;
    for (int candidate = (n + 1) / 2; candidate >= 1; candidate--) {
      if (1 - 2 * binomialCdf(n, candidate - 1) >= COVERAGE) {
        k = candidate;
        break;
      }
    }
    return new Interval(x.get(k - 1), x.get(n - k), Math.max(0, 1 - 2 * binomialCdf(n, k - 1)));
  }

  /**
   * The interval for how much {@code x} lies above {@code y} (a location shift), from the n·m
   * differences x(i) − y(j): [d(k), d(nm−k+1)] with the largest k such that 2·P(U ≤ k−1) ≤ 1 −
   * {@link #COVERAGE}, U the Mann–Whitney statistic with no shift (the interval inverts the
   * rank-sum test). Where even k = 1 falls short (n + m small, e.g. 3 and 3), [min d, max d] with
   * its coverage. Null when either sample is empty.
   */
  public static Interval shift(Collection<Double> xs, Collection<Double> ys) {
    List<Double> x = sorted(xs);
    List<Double> y = sorted(ys);
    if (x.isEmpty() || y.isEmpty()) {
      return null;
    }
    List<Double> d = new ArrayList<>();
    for (double a : x) {
      for (double b : y) {
        d.add(a - b);
      }
    }
    d.sort(null);
    double[] cdf = mannWhitneyCdf(x.size(), y.size());
    int k = 1;
    for (int candidate = d.size() / 2; candidate >= 1; candidate--) {
      if (2 * cdf[candidate - 1] <= 1 - COVERAGE) {
        k = candidate;
        break;
      }
    }
    return new Interval(d.get(k - 1), d.get(d.size() - k), Math.max(0, 1 - 2 * cdf[k - 1]));
  }

  /** P(B ≤ j) for B ~ Binomial(n, ½). */
  static double binomialCdf(int n, int j) {
    double p = 0;
    double term = Math.pow(0.5, n); // C(n, 0) / 2^n
    for (int i = 0; i <= j && i <= n; i++) {
      p += term;
      term = term * (n - i) / (i + 1);
    }
    return Math.min(1, p);
  }

  /**
   * P(U ≤ u) for u = 0 … n·m, U the Mann–Whitney count of pairs with x above y when both samples
   * come from one continuous distribution. By the recursion on the largest value: it is an x
   * (probability n/(n+m)), which lies above all m y's, or a y, which lies above no x.
   */
  static double[] mannWhitneyCdf(int n, int m) {
    // p[j][u] for the current number of x's: P(U = u) with that many x's and j y's
    double[][] p = new double[m + 1][];
    for (int j = 0; j <= m; j++) {
      p[j] = new double[] {1}; // no x: U = 0
    }
    for (int i = 1; i <= n; i++) {
      double[][] prev = p;
      p = new double[m + 1][];
      p[0] = new double[] {1}; // no y: U = 0
      for (int j = 1; j <= m; j++) {
        double[] cell = new double[i * j + 1];
        double xLast = (double) i / (i + j);
        double[] xs = prev[j]; // last value an x: it is above all j y's
        for (int u = 0; u < xs.length; u++) {
          cell[u + j] += xLast * xs[u];
        }
        double[] ys = p[j - 1]; // last value a y: above no x
        for (int u = 0; u < ys.length; u++) {
          cell[u] += (1 - xLast) * ys[u];
        }
        p[j] = cell;
      }
    }
    double[] pdf = p[m];
    double[] cdf = new double[pdf.length];
    double sum = 0;
    for (int u = 0; u < pdf.length; u++) {
      sum += pdf[u];
      cdf[u] = Math.min(1, sum);
    }
    return cdf;
  }

  private static List<Double> sorted(Collection<Double> values) {
    List<Double> v = new ArrayList<>();
    for (Double d : values) {
      if (d != null) {
        v.add(d);
      }
    }
    v.sort(null);
    return v;
  }
}
