package faremark.orchestrator.report;

import faremark.orchestrator.output.TextTable;
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
    TextTable.lines(rows, "  ", i -> i >= 2 && i <= 4).forEach(l -> out.append(l).append('\n'));
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
