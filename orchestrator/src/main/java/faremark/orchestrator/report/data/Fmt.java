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

  /** Bytes in binary units, three significant digits: 812 B, 94.1 KiB, 3.69 MiB, 1.20 GiB. */
  public static String bytes(double v) {
    double a = Math.abs(v);
    if (a >= 1024.0 * 1024 * 1024) {
      return num(v / (1024.0 * 1024 * 1024)) + " GiB";
    }
    if (a >= 1024.0 * 1024) {
      return num(v / (1024.0 * 1024)) + " MiB";
    }
    return a >= 1024 ? num(v / 1024) + " KiB" : num(v) + " B";
  }
}
