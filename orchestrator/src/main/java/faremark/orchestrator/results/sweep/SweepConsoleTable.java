package faremark.orchestrator.results.sweep;

import faremark.orchestrator.output.SafeText;
import faremark.orchestrator.output.TextTable;
import faremark.orchestrator.results.ResultsLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sweep's table printed after an experiment's runs (and by {@code faremark report}): per model
 * and heap variant, what one more request in flight costs in peak memory, with its 95 % interval,
 * R², whether the runs lie on a line, what it holds while every request is in flight (a JVM's
 * peak adds the garbage of N responses parsed at once, which the collector has not yet taken),
 * and the kernel's share of that. The table printed before it has
 * one row per model with medians over every run, which in a sweep pools all points: this one is
 * the sweep's answer. Every figure is {@code sweep.json}'s, with its definition there.
 */
public final class SweepConsoleTable {
  private SweepConsoleTable() {}

  public static String render(SweepAnalysis sweep) {
    boolean concurrency = sweep.parameter().equals("client.concurrency");
    String per = concurrency ? "extra in-flight request" : "unit of " + sweep.parameter();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"model", "runs used", "peak per " + per + " (95 % CI)", "Theil–Sen",
        "R²", "line", "at full in-flight (95 % CI)", "kernel share (95 % CI)"});
    for (ModelSweep m : sweep.models()) {
      SlopeFit f = m.peakFit();
      int used = m.points().stream().mapToInt(p -> p.used().size()).sum();
      int excluded = m.points().stream().mapToInt(p -> p.excluded().size()).sum();
      KernelShare k = m.kernelShare();
      rows.add(new String[] {
        SafeText.line(m.model()),
        used + "/" + (used + excluded),
        slope(f),
        f == null || f.theilSen() == null ? "-" : bytes(f.theilSen(), unitOf(f.slope())),
        f == null || f.r2() == null ? "-" : String.format(Locale.ROOT, "%.4f", f.r2()),
        f == null ? "-" : f.linearity().verdict().id(),
        slope(m.fit(SweepFigure.AT_FULL + "total")),
        k == null ? "-" : k.low() == null ? percent(k.share())
            : percent(k.share()) + " [" + percent(k.low()) + ", " + percent(k.high()) + "]"
      });
    }
    StringBuilder out = new StringBuilder(System.lineSeparator())
        .append("Sweep over ").append(SafeText.line(sweep.parameter()))
        .append(": least squares of each run's peak against ").append(concurrency ? "N" : "it")
        .append(" (one run, one data point; the table above pools every point), and of its memory"
            + " when the fare server released its barrier with every request in flight")
        .append(System.lineSeparator());
    TextTable.lines(rows, "", i -> i >= 1 && i <= 4 || i == 6)
        .forEach(l -> out.append(l).append(System.lineSeparator()));
    out.append("95 % CI: ").append(sweep.bootstrap().resamples())
        .append(" resamples of the runs within each point, seed ").append(sweep.bootstrap().seed())
        .append("; line: ").append("linear, not-linear (the slope is then an average over the")
        .append(" sweep, not a per-request cost) or untested; per point and figure: ")
        .append(ResultsLayout.SWEEP_CSV)
        .append(System.lineSeparator());
    return out.toString();
  }

  private static String slope(SlopeFit f) {
    return f == null || f.slope() == null ? "-" : interval(f.slope(), f.slopeLow(), f.slopeHigh());
  }

  /** The slope and its interval in one unit, chosen by the slope's size. */
  static String interval(double slope, Double low, Double high) {
    long unit = unitOf(slope);
    String s = bytes(slope, unit);
    return low == null ? s : s + " [" + number(low, unit) + ", " + number(high, unit) + "]";
  }

  private static long unitOf(double v) {
    double a = Math.abs(v);
    return a >= 1 << 20 ? 1 << 20 : a >= 1 << 10 ? 1 << 10 : 1;
  }

  private static String bytes(double v, long unit) {
    return number(v, unit) + (unit == 1 << 20 ? " MiB" : unit == 1 << 10 ? " KiB" : " B");
  }

  private static String number(double v, long unit) {
    return unit == 1 ? String.format(Locale.ROOT, "%.0f", v)
        : String.format(Locale.ROOT, "%.1f", v / unit);
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f %%", share * 100);
  }
}
