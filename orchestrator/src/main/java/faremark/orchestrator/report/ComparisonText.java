package faremark.orchestrator.report;

import faremark.orchestrator.output.TextTable;
import faremark.orchestrator.report.Comparison.FigureDiff;
import faremark.orchestrator.report.Comparison.ModelDiff;
import faremark.orchestrator.report.data.Fmt;
import faremark.orchestrator.report.data.ReportData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code faremark compare}'s output: one block per model, one line per figure. */
public final class ComparisonText {
  private static final String[] HEADER = {"figure", "A", "B", "B - A", "change", "direction", "ranges"};

  private ComparisonText() {}

  public static String render(Comparison c, ReportData a, ReportData b) {
    StringBuilder out = new StringBuilder();
    out.append("A: ").append(c.a()).append("  (").append(describe(a)).append(")\n");
    out.append("B: ").append(c.b()).append("  (").append(describe(b)).append(")\n");
    for (ModelDiff m : c.models()) {
      out.append('\n').append(m.model());
      if (!m.inA() || !m.inB()) {
        out.append(": only in ").append(m.inA() ? "A" : "B").append(", nothing to compare\n");
        continue;
      }
      out.append("  (ok runs: A ").append(m.runsA()).append(", B ").append(m.runsB()).append(")\n");
      List<String[]> rows = new ArrayList<>();
      rows.add(HEADER);
      for (FigureDiff f : m.figures()) {
        rows.add(new String[] {
          f.figure(), value(f.a(), f.unit()), value(f.b(), f.unit()), delta(f), percent(f),
          f.direction(), f.a() == null || f.b() == null || !hasRange(f) ? "-"
              : f.overlap() ? "overlap" : "apart"
        });
      }
      table(out, rows);
    }
    out.append("\nMedians over ok runs. \"apart\": every B run was on one side of every A run;"
        + " \"overlap\": the difference is within the spread of the runs. Client re-sends per run:"
        + " requests the HTTP client re-sent on its own, over every run with a result.\n");
    return out.toString();
  }

  private static String describe(ReportData d) {
    return d.name() + ", " + d.okRuns() + " of " + d.runCount() + " runs ok, " + d.startedAt()
        + (d.interrupted() ? ", interrupted" : "");
  }

  private static String value(Double v, String unit) {
    if (v == null) {
      return "-";
    }
    return switch (unit) {
      case "ms" -> Fmt.ms(v);
      case "MiB" -> Fmt.mib(v);
      case "%" -> String.format(Locale.ROOT, "%.0f %%", v);
      case "requests" -> String.format(Locale.ROOT, "%.1f", v);
      default -> String.format(Locale.ROOT, "%.0f", v);
    };
  }

  /** Medians over ok runs have a [min, max] range; shares and per-run counts do not. */
  private static boolean hasRange(FigureDiff f) {
    return !f.unit().equals("%") && !f.unit().equals("requests");
  }

  private static String delta(FigureDiff f) {
    Double d = f.delta();
    if (d == null) {
      return "-";
    }
    // a share of runs changes by percentage points, not by percent of itself
    String v = f.unit().equals("%") ? String.format(Locale.ROOT, "%.0f pp", Math.abs(d))
        : value(Math.abs(d), f.unit());
    return (d > 0 ? "+" : d < 0 ? "-" : "") + v;
  }

  private static String percent(FigureDiff f) {
    Double p = f.percent();
    return p == null || f.unit().equals("%") ? "-" : Fmt.percent(p);
  }

  private static void table(StringBuilder out, List<String[]> rows) {
    TextTable.lines(rows, "  ", i -> i >= 1 && i <= 4).forEach(l -> out.append(l).append('\n'));
  }

}
