package faremark.orchestrator.report;

import faremark.orchestrator.report.data.ReportData.ModelReport;
import faremark.orchestrator.report.data.ReportData;
import faremark.orchestrator.results.Stat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Per-model differences between two experiments (B against A): each figure's medians, the
 * difference with its direction and size, and whether the two ranges over runs overlap (when
 * they do, the difference is within run-to-run noise).
 */
public record Comparison(String a, String b, List<ModelDiff> models) {

  /**
   * A model's figures; {@code figures} is empty when the model ran on one side only.
   *
   * @param runs "ok/runs" on each side, e.g. "3/3", or "-" where the model did not run
   */
  public record ModelDiff(
      String model, boolean inA, boolean inB, String runsA, String runsB, List<FigureDiff> figures) {}

  /**
   * @param lowerIsBetter the direction that counts as better
   * @param a median over A's ok runs (null without one)
   * @param overlap whether A's and B's [min, max] over ok runs overlap
   */
  public record FigureDiff(
      String figure, String unit, boolean lowerIsBetter, Double a, Double b, boolean overlap) {

    public Double delta() {
      return a == null || b == null ? null : b - a;
    }

    /** Relative change in percent of A; null when A is 0 or missing. */
    public Double percent() {
      return a == null || b == null || a == 0 ? null : (b - a) / Math.abs(a) * 100;
    }

    /** "lower (better)", "higher (worse)", "same", or "n/a". */
    public String direction() {
      Double d = delta();
      if (d == null) {
        return "n/a";
      }
      if (d == 0) {
        return "same";
      }
      boolean better = (d < 0) == lowerIsBetter;
      return (d < 0 ? "lower" : "higher") + (better ? " (better)" : " (worse)");
    }
  }

  private record Figure(String name, String unit, boolean lowerIsBetter, Function<ModelReport, Stat> stat) {}

  private static final List<Figure> FIGURES = List.of(
      new Figure("request phase", "ms", true, ModelReport::requestPhaseMs),
      new Figure("peak", "MiB", true, ModelReport::peakMiB),
      new Figure("peak - baseline", "MiB", true, ModelReport::peakAboveBaselineMiB),
      new Figure("latency p50", "ms", true, ModelReport::latencyP50Ms),
      new Figure("latency p99", "ms", true, ModelReport::latencyP99Ms));

  public static Comparison of(String labelA, ReportData a, String labelB, ReportData b) {
    Map<String, ModelReport> inA = byId(a);
    Map<String, ModelReport> inB = byId(b);
    List<String> ids = new ArrayList<>(inA.keySet());
    inB.keySet().stream().filter(id -> !inA.containsKey(id)).forEach(ids::add);
    List<ModelDiff> models = new ArrayList<>();
    for (String id : ids) {
      ModelReport ma = inA.get(id);
      ModelReport mb = inB.get(id);
      List<FigureDiff> figures = new ArrayList<>();
      if (ma != null && mb != null) {
        // the share of runs that were ok: comparable when the two sides ran different repetitions
        figures.add(new FigureDiff("ok runs", "%", false, okShare(ma), okShare(mb), false));
        for (Figure f : FIGURES) {
          Stat sa = f.stat().apply(ma);
          Stat sb = f.stat().apply(mb);
          figures.add(new FigureDiff(f.name(), f.unit(), f.lowerIsBetter(),
              sa == null ? null : sa.median(), sb == null ? null : sb.median(),
              sa != null && sb != null && sa.min() <= sb.max() && sb.min() <= sa.max()));
        }
      }
      if (ma != null && mb != null) {
        // per run, so that two sides with different repetitions compare; a count has no range
        figures.add(new FigureDiff("client re-sends per run", "requests", true,
            ma.unrequestedResendsPerRun(), mb.unrequestedResendsPerRun(), false));
      }
      models.add(new ModelDiff(id, ma != null, mb != null, runs(ma), runs(mb), figures));
    }
    return new Comparison(labelA, labelB, models);
  }

  private static double okShare(ModelReport m) {
    return m.runs() == 0 ? 0 : 100.0 * m.ok() / m.runs();
  }

  private static String runs(ModelReport m) {
    return m == null ? "-" : m.ok() + "/" + m.runs();
  }

  private static Map<String, ModelReport> byId(ReportData d) {
    Map<String, ModelReport> m = new LinkedHashMap<>();
    d.models().forEach(x -> m.put(x.id(), x));
    return m;
  }
}
