package faremark.orchestrator.results;

import faremark.orchestrator.results.FirstUseSummary.Estimate;
import faremark.orchestrator.results.FirstUseSummary.ModelFirstUse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The console's account of the runtime's first use, printed under the table of an experiment
 * with first-use reference runs: per model the request phase cold (as measured), warm (after
 * one warm-up pass) and the difference, each with its interval, in words where it says nothing.
 */
public final class FirstUseTable {
  private FirstUseTable() {}

  public static String render(FirstUseSummary section) {
    String nl = System.lineSeparator();
    StringBuilder out = new StringBuilder(nl);
    out.append("request phase: cold (the measured runs), warm (").append(section.referenceRuns())
        .append(" reference runs per model, each after ").append(section.warmupPasses())
        .append(" warm-up pass of the job), first use = cold - warm").append(nl);
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"model", "cold", "warm", "first use"});
    for (ModelFirstUse m : section.models()) {
      rows.add(new String[] {m.model(), estimate(m.coldMs()), estimate(m.warmMs()), firstUse(m)});
    }
    int[] width = new int[4];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      for (int i = 0; i < row.length - 1; i++) {
        out.append(row[i]).append(" ".repeat(width[i] - row[i].length() + 2));
      }
      out.append(row[row.length - 1]).append(nl);
    }
    for (ModelFirstUse m : section.models()) {
      if (m.note() != null) {
        out.append(m.model()).append(": ").append(m.note()).append(nl);
      }
    }
    out.append("[low, high]: distribution-free interval, 95 % unless another coverage is given"
        + " (fewer than 6 runs cannot reach 95 %)").append(nl);
    return out.toString();
  }

  public static String estimate(Estimate e) {
    if (e == null) {
      return "-";
    }
    if (e.n() == 1) {
      return ms(e.median()) + " (1 run)";
    }
    return ms(e.median()) + " [" + ms(e.low()) + ", " + ms(e.high()) + "]" + coverage(e.coverage());
  }

  public static String firstUse(ModelFirstUse m) {
    if (m.firstUseMs() == null) {
      return "-";
    }
    String interval = " [" + ms(m.firstUseLowMs()) + ", " + ms(m.firstUseHighMs()) + "]"
        + coverage(m.firstUseCoverage());
    if (Boolean.FALSE.equals(m.distinguishable())) {
      return "not distinguishable (" + ms(m.firstUseMs()) + interval + ")";
    }
    return ms(m.firstUseMs()) + interval
        + (m.firstUseShare() == null ? "" : String.format(Locale.ROOT, ", %.0f %% of cold", 100 * m.firstUseShare()));
  }

  private static String coverage(double c) {
    return c >= DistributionFree.COVERAGE ? "" : String.format(Locale.ROOT, " %.0f %%", 100 * c);
  }

  private static String ms(double v) {
    return Math.abs(v) >= 1000
        ? String.format(Locale.ROOT, "%.2f s", v / 1000)
        : String.format(Locale.ROOT, "%.0f ms", v);
  }
}
