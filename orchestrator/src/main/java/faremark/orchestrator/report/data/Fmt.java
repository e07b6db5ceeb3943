package faremark.orchestrator.report.data;

import java.util.Locale;

/** Numbers for people, the same in the HTML, the charts and the compare output. */
public final class Fmt {
  private Fmt() {}

  /** Three significant digits, at most two decimals: 822, 94.1, 3.69, 0.52. */
  public static String num(double v) {
    double a = Math.abs(v);
    String f = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f";
    return String.format(Locale.ROOT, f, v);
  }

  public static String mib(double v) {
    return num(v) + " MiB";
  }

  /** Milliseconds, switching to seconds from 1 s up: 290 ms, 3.69 s. */
  public static String ms(double v) {
    return Math.abs(v) >= 1000 ? num(v / 1000) + " s" : num(v) + " ms";
  }

  public static String percent(double v) {
    return String.format(Locale.ROOT, "%+.1f %%", v);
  }
}
