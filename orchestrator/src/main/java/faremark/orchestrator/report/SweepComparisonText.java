package faremark.orchestrator.report;

import faremark.orchestrator.report.data.Fmt;
import faremark.orchestrator.results.sweep.SweepComparison;
import faremark.orchestrator.results.sweep.SweepComparison.SlopeDiff;
import java.util.ArrayList;
import java.util.List;

/** {@code faremark compare}'s sweep block: per model and line, the slopes and whether they differ. */
public final class SweepComparisonText {
  private SweepComparisonText() {}

  /** Empty when no model has a line on both sides (then compare prints what it always did). */
  public static String render(SweepComparison c) {
    if (c.slopes().isEmpty()) {
      return "";
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"model", "figure", "A per request", "B per request", "B - A",
        "95 % interval of B - A", "verdict"});
    for (SlopeDiff d : c.slopes()) {
      rows.add(new String[] {d.model(), d.figure(), Fmt.bytes(d.a()), Fmt.bytes(d.b()),
          signed(d.difference()), "[" + signed(d.low()) + ", " + signed(d.high()) + "]",
          d.differ() ? "differ" : "not distinguishable"});
    }
    StringBuilder out = new StringBuilder("\nSweep: bytes per extra request in flight (least-squares"
        + " slope over every used run)\n");
    int[] w = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder("  ");
      for (int i = 0; i < r.length; i++) {
        boolean right = i >= 2 && i <= 4;
        String fill = " ".repeat(w[i] - r[i].length());
        line.append(right ? fill + r[i] : r[i] + fill).append("  ");
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    out.append("\n\"differ\": the 95 % bootstrap interval of the difference B - A excludes 0 (A and"
        + " B resampled independently, runs within each point, ").append(c.resamples())
        .append(" resamples, seeds ").append(c.seed()).append(" and ").append(c.seed() + 1)
        .append("); \"not distinguishable\": it includes 0.\n");
    return out.toString();
  }

  private static String signed(double v) {
    return (v > 0 ? "+" : v < 0 ? "-" : "") + Fmt.bytes(Math.abs(v));
  }
}
