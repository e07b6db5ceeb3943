package faremark.orchestrator.report.chart;

import faremark.orchestrator.report.data.Fmt;

/** Tick labels: milliseconds switch to seconds when the ticks are a second or more apart. */
final class AxisFormat {
  private AxisFormat() {}

  static String ms(double v, double step) {
    if (step >= 1000) {
      return trim(v / 1000) + " s";
    }
    return trim(v) + " ms";
  }

  static String plain(double v) {
    return trim(v);
  }

  private static String trim(double v) {
    if (v == Math.rint(v)) {
      return Long.toString((long) v);
    }
    String s = Fmt.num(v);
    return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
  }
}
