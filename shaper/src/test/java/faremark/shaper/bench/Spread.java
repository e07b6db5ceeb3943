package faremark.shaper.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The median of a few rounds with their minimum and maximum: on a shared, noisy machine one round
 * proves little, and the range says how much to trust the median.
 */
record Spread(double median, double min, double max, int n) {
  static Spread of(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.removeIf(v -> v.isNaN());
    if (sorted.isEmpty()) {
      return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
    }
    Collections.sort(sorted);
    int n = sorted.size();
    double median =
        n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return new Spread(median, sorted.get(0), sorted.get(n - 1), n);
  }

  /** e.g. {@code 0.81 (0.74–0.86)} with {@code format} applied to each number. */
  String show(String format) {
    if (n == 0) {
      return "n/a";
    }
    String m = String.format(Locale.ROOT, format, median);
    if (n == 1) {
      return m;
    }
    return m
        + " ("
        + String.format(Locale.ROOT, format, min)
        + "–"
        + String.format(Locale.ROOT, format, max)
        + ")";
  }
}
