package faremark.orchestrator.results;

import faremark.contract.DataSize;
import faremark.orchestrator.output.SafeText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The table printed at the end of an experiment: medians over ok runs, one row per model. */
public final class ConsoleTable {
  private static final String[] HEADER = {
    "model", "ok/runs", "request phase", "vs ideal", "peak", "baseline", "peak-baseline", "verified"
  };

  private ConsoleTable() {}

  public static String render(Summary summary) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (ModelSummary m : summary.models()) {
      rows.add(new String[] {
        SafeText.line(m.model()),
        m.ok() + "/" + m.runs(),
        m.requestPhaseMs() == null ? "-" : seconds(m.requestPhaseMs().median()),
        m.requestPhaseVsIdeal() == null ? "-" : String.format(Locale.ROOT, "x%.2f", m.requestPhaseVsIdeal()),
        bytes(m.peakBytes()),
        bytes(m.baselineBytes()),
        bytes(m.peakAboveBaselineBytes()),
        m.allVerified() ? "yes" : SafeText.line(m.outcomes().toString())
      });
    }
    int[] width = new int[HEADER.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      String[] row = rows.get(r);
      for (int i = 0; i < row.length; i++) {
        // numbers right-aligned, names left-aligned
        boolean last = i == row.length - 1;
        boolean left = i == 0 || last;
        // the last column is not padded: no trailing spaces on any line
        String cell = last ? row[i] : pad(row[i], width[i], !left);
        out.append(cell).append(last ? "" : "  ");
      }
      out.append(System.lineSeparator());
      if (r == 0) {
        int total = 0;
        for (int w : width) {
          total += w + 2;
        }
        out.append("-".repeat(total - 2)).append(System.lineSeparator());
      }
    }
    out.append("medians over ok runs; peak = ").append(summary.memorySource())
        .append(" (see ").append(ResultsLayout.SUMMARY_JSON).append(" definitions)").append(System.lineSeparator());
    List<String> resent = summary.models().stream()
        .filter(m -> m.unrequestedResends() != null && m.unrequestedResends() > 0)
        .map(m -> SafeText.line(m.model()) + " " + m.unrequestedResends()).toList();
    summary.preflightFailed().forEach((model, why) -> out.append("skipped ")
        .append(SafeText.line(model)).append(": ").append(SafeText.line(why))
        .append(System.lineSeparator()));
    if (!resent.isEmpty()) {
      // not failures the workload saw: without this line a Java model looks more robust than it is
      out.append("requests the HTTP client re-sent on its own (not counted as failed): ")
          .append(String.join(", ", resent)).append(System.lineSeparator());
    }
    if (summary.warmup() != null) {
      // what the figures above are: said where they are read, not only in the report
      out.append("warm-up: ").append(summary.warmup()).append(summary.warmup() == 1 ? " pass" : " passes")
          .append(" of the job before ready in every run: request phases exclude the runtime's"
              + " first use; baselines include what the passes left behind")
          .append(System.lineSeparator());
    }
    if (summary.firstUse() != null) {
      out.append(FirstUseTable.render(summary.firstUse()));
    }
    return out.toString();
  }

  private static String seconds(double ms) {
    return ms >= 1000
        ? String.format(Locale.ROOT, "%.2f s", ms / 1000)
        : String.format(Locale.ROOT, "%.0f ms", ms);
  }

  private static String bytes(Stat s) {
    if (s == null) {
      return "-";
    }
    long v = Math.round(s.median());
    return v < 0 ? "-" + DataSize.ofBytes(-v).human() : DataSize.ofBytes(v).human();
  }

  private static String pad(String s, int width, boolean right) {
    String fill = " ".repeat(Math.max(0, width - s.length()));
    return right ? fill + s : s + fill;
  }
}
