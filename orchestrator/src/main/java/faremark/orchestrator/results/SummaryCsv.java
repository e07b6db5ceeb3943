package faremark.orchestrator.results;

import faremark.orchestrator.output.SafeText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code summary.csv}: one row per model, fixed columns, units in the column names, empty cells
 * where a model had no ok run. The column list is a contract checked by a golden file. Figures
 * only some experiments have come as extra columns at the end, only where the experiment has
 * them: CPU in the request phase ({@code request_phase_cpu_ms_*}) and the first-use section
 * ({@code cold_*}, {@code warm_*}, {@code first_use_*}).
 */
public final class SummaryCsv {
  private record Column(String name, Function<ModelSummary, String> value) {}

  private static final List<Column> COLUMNS = columns();

  private SummaryCsv() {}

  public static String write(Summary summary) {
    List<Column> columns = new ArrayList<>(COLUMNS);
    if (summary.models().stream().anyMatch(m -> m.requestPhaseCpuMs() != null)) {
      stat(columns, "request_phase_cpu_ms", ModelSummary::requestPhaseCpuMs, 0);
    }
    if (summary.firstUse() != null) {
      firstUse(columns, summary.firstUse());
    }
    StringBuilder out = new StringBuilder();
    out.append(columns.stream().map(Column::name).collect(Collectors.joining(","))).append('\n');
    for (ModelSummary m : summary.models()) {
      out.append(columns.stream().map(c -> c.value().apply(m)).collect(Collectors.joining(",")))
          .append('\n');
    }
    return out.toString();
  }

  private static void firstUse(List<Column> c, FirstUseSummary section) {
    java.util.Map<String, FirstUseSummary.ModelFirstUse> byModel = new java.util.HashMap<>();
    section.models().forEach(f -> byModel.put(f.model(), f));
    Function<ModelSummary, FirstUseSummary.ModelFirstUse> of = m -> byModel.get(m.model());
    estimate(c, "cold_request_phase_ms", m -> of.apply(m) == null ? null : of.apply(m).coldMs());
    estimate(c, "warm_request_phase_ms", m -> of.apply(m) == null ? null : of.apply(m).warmMs());
    c.add(new Column("first_use_ms", m -> of.apply(m) == null ? "" : number(of.apply(m).firstUseMs(), 1)));
    c.add(new Column("first_use_low_ms", m -> of.apply(m) == null ? "" : number(of.apply(m).firstUseLowMs(), 1)));
    c.add(new Column("first_use_high_ms", m -> of.apply(m) == null ? "" : number(of.apply(m).firstUseHighMs(), 1)));
    c.add(new Column("first_use_coverage", m -> of.apply(m) == null ? "" : number(of.apply(m).firstUseCoverage(), 3)));
    c.add(new Column("first_use_share", m -> of.apply(m) == null ? "" : number(of.apply(m).firstUseShare(), 3)));
    c.add(new Column("first_use_distinguishable", m -> of.apply(m) == null || of.apply(m).distinguishable() == null
        ? "" : of.apply(m).distinguishable().toString()));
    c.add(new Column("warm_runs", m -> of.apply(m) == null ? "" : Integer.toString(of.apply(m).referenceOk())));
  }

  private static void estimate(List<Column> c, String name, Function<ModelSummary, FirstUseSummary.Estimate> f) {
    c.add(new Column(name + "_median", m -> f.apply(m) == null ? "" : number(f.apply(m).median(), 1)));
    c.add(new Column(name + "_low", m -> f.apply(m) == null ? "" : number(f.apply(m).low(), 1)));
    c.add(new Column(name + "_high", m -> f.apply(m) == null ? "" : number(f.apply(m).high(), 1)));
    c.add(new Column(name + "_coverage", m -> f.apply(m) == null ? "" : number(f.apply(m).coverage(), 3)));
  }

  private static List<Column> columns() {
    List<Column> c = new ArrayList<>();
    c.add(new Column("model", m -> SafeText.csvCell(m.model())));
    c.add(new Column("runs", m -> Integer.toString(m.runs())));
    c.add(new Column("ok", m -> Integer.toString(m.ok())));
    c.add(new Column("all_verified", m -> Boolean.toString(m.allVerified())));
    stat(c, "request_phase_ms", ModelSummary::requestPhaseMs, 1);
    c.add(new Column("ideal_request_phase_ms", m -> number(m.idealRequestPhaseMs(), 1)));
    c.add(new Column("request_phase_vs_ideal", m -> number(m.requestPhaseVsIdeal(), 3)));
    stat(c, "process_wall_ms", ModelSummary::processWallMs, 1);
    stat(c, "peak_bytes", ModelSummary::peakBytes, 0);
    stat(c, "baseline_bytes", ModelSummary::baselineBytes, 0);
    stat(c, "peak_above_baseline_bytes", ModelSummary::peakAboveBaselineBytes, 0);
    stat(c, "phase_peak_bytes", ModelSummary::phasePeakBytes, 0);
    stat(c, "anon_peak_bytes", ModelSummary::anonPeakBytes, 0);
    stat(c, "cpu_ms", ModelSummary::cpuMs, 0);
    c.add(new Column("latency_p50_us_median", m -> median(m.latencyP50Us(), 0)));
    c.add(new Column("latency_p99_us_median", m -> median(m.latencyP99Us(), 0)));
    c.add(new Column("server_max_in_flight_max",
        m -> m.serverMaxInFlight() == null ? "" : number(m.serverMaxInFlight().max(), 0)));
    c.add(new Column("outcomes", m -> SafeText.csvCell(m.outcomes().entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";")))));
    c.add(new Column("unrequested_resends",
        m -> m.unrequestedResends() == null ? "" : Long.toString(m.unrequestedResends())));
    return List.copyOf(c);
  }

  private static void stat(List<Column> c, String name, Function<ModelSummary, Stat> f, int decimals) {
    c.add(new Column(name + "_median", m -> median(f.apply(m), decimals)));
    c.add(new Column(name + "_min", m -> f.apply(m) == null ? "" : number(f.apply(m).min(), decimals)));
    c.add(new Column(name + "_max", m -> f.apply(m) == null ? "" : number(f.apply(m).max(), decimals)));
  }

  private static String median(Stat s, int decimals) {
    return s == null ? "" : number(s.median(), decimals);
  }

  static String number(Double v, int decimals) {
    if (v == null) {
      return "";
    }
    return decimals == 0
        ? Long.toString(Math.round(v))
        : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
