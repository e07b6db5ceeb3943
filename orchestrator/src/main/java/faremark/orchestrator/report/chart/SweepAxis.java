package faremark.orchestrator.report.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * The x axis of a sweep chart: the swept value N, logarithmic when the sweep spans two decades
 * or more (1 … 10,000 in flight would put every point but the last two against the left edge
 * of a linear axis), else linear with {@link Scale#nice} ticks.
 */
record SweepAxis(boolean log, double min, double max, double from, double to, Scale linear) {

  static SweepAxis of(List<Double> values, double from, double to) {
    double lo = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double hi = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
    if (lo > 0 && hi / lo >= 100) {
      return new SweepAxis(true, Math.pow(10, Math.floor(Math.log10(lo))),
          Math.pow(10, Math.ceil(Math.log10(hi))), from, to, null);
    }
    Scale s = Scale.nice(Math.min(0, lo), hi, 5, from, to);
    return new SweepAxis(false, s.min(), s.max(), from, to, s);
  }

  double px(double v) {
    if (!log) {
      return linear.px(v);
    }
    return from + (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min)) * (to - from);
  }

  List<Double> ticks() {
    if (!log) {
      return linear.ticks();
    }
    List<Double> t = new ArrayList<>();
    for (double v = min; v <= max * 1.0001; v *= 10) {
      t.add(v);
    }
    return t;
  }

  /** {@code n} values from the axis's start to its end, evenly spaced on the axis, for curves. */
  List<Double> samples(int n, double lo, double hi) {
    List<Double> s = new ArrayList<>();
    for (int i = 0; i <= n; i++) {
      double f = (double) i / n;
      s.add(log ? Math.pow(10, Math.log10(lo) + f * (Math.log10(hi) - Math.log10(lo)))
          : lo + f * (hi - lo));
    }
    return s;
  }

  String title(String parameter) {
    return parameter + (log ? " (log scale)" : "");
  }
}
