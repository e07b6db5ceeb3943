package faremark.orchestrator.report;

import faremark.orchestrator.report.data.Fmt;
import faremark.orchestrator.report.data.ReportData.FigureRow;
import faremark.orchestrator.report.data.ReportData.ModelReport;
import faremark.orchestrator.report.data.ReportData;
import faremark.orchestrator.results.ModelSummary;
import faremark.orchestrator.results.Stat;
import faremark.orchestrator.results.Summary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The report's table of every figure: unit, definition and each model's value. */
final class Figures {
  private Figures() {}

  static List<FigureRow> rows(Summary summary, List<ModelReport> models, String peakDefinition) {
    Map<String, String> d = Summary.DEFINITIONS;
    double mib = ReportDataBuilder.MIB;
    List<FigureRow> rows = new ArrayList<>();
    rows.add(new FigureRow("ok runs", "runs", d.get("ok"),
        values(summary, m -> m.ok() + " of " + m.runs())));
    rows.add(stat(summary, "request phase", "ms", d.get("requestPhaseMs"), ModelSummary::requestPhaseMs, 1));
    rows.add(new FigureRow("ideal request phase", "ms", d.get("idealRequestPhaseMs"),
        values(summary, m -> m.idealRequestPhaseMs() == null ? "-" : Fmt.num(m.idealRequestPhaseMs()))));
    rows.add(new FigureRow("request phase vs ideal", "ratio", d.get("requestPhaseVsIdeal"),
        values(summary, m -> m.requestPhaseVsIdeal() == null ? "-" : "x" + Fmt.num(m.requestPhaseVsIdeal()))));
    rows.add(stat(summary, "process wall time", "ms", d.get("processWallMs"), ModelSummary::processWallMs, 1));
    rows.add(stat(summary, "peak", "MiB", "the run's memory peak: " + peakDefinition,
        ModelSummary::peakBytes, mib));
    // With warm-up passes the baseline is no longer the runtime alone: said where it is read.
    String warm = summary.warmup() == null ? "" : " With run.warmup " + summary.warmup() + ": the"
        + " baseline includes what the warm-up passes left behind (loaded classes, compiled code,"
        + " garbage not yet collected), so it is not comparable with a run without them.";
    rows.add(stat(summary, "baseline", "MiB", d.get("baselineBytes") + warm, ModelSummary::baselineBytes, mib));
    rows.add(stat(summary, "peak - baseline", "MiB", d.get("peakAboveBaselineBytes") + warm,
        ModelSummary::peakAboveBaselineBytes, mib));
    rows.add(stat(summary, "request-phase peak", "MiB", d.get("phasePeakBytes"),
        ModelSummary::phasePeakBytes, mib));
    rows.add(stat(summary, "anonymous peak", "MiB", d.get("anonPeakBytes"), ModelSummary::anonPeakBytes, mib));
    rows.add(stat(summary, "CPU time", "ms", d.get("cpuMs"), ModelSummary::cpuMs, 1));
    if (d.containsKey("requestPhaseCpuMs")) {
      rows.add(stat(summary, "CPU in the request phase", "ms", d.get("requestPhaseCpuMs"),
          ModelSummary::requestPhaseCpuMs, 1));
    }
    String hdr = " (HdrHistogram, as recorded by the workload: issue to last byte of the body)";
    rows.add(latency(models, "latency p50", "median request latency" + hdr, ModelReport::latencyP50Ms));
    rows.add(latency(models, "latency p90", "90th percentile request latency" + hdr, ModelReport::latencyP90Ms));
    rows.add(latency(models, "latency p99", "99th percentile request latency" + hdr, ModelReport::latencyP99Ms));
    rows.add(latency(models, "latency max", "slowest request" + hdr, ModelReport::latencyMaxMs));
    if (summary.definitions().containsKey("latencyMerged")) {
      rows.addAll(MergedLatencyRows.of(summary));
    }
    rows.add(stat(summary, "server max in flight", "requests", d.get("serverMaxInFlight"),
        ModelSummary::serverMaxInFlight, 1));
    rows.add(new FigureRow("failed requests", "requests",
        "requests that failed, by cause, summed over every run of the model (ok runs have none)",
        failed(models)));
    rows.add(new FigureRow("re-sent by the HTTP client on its own", "requests",
        d.get("unrequestedResends"),
        values(summary, m -> m.unrequestedResends() == null ? "-" : m.unrequestedResends().toString())));
    return rows;
  }

  private static FigureRow stat(
      Summary s, String name, String unit, String definition, Function<ModelSummary, Stat> f,
      double divisor) {
    return new FigureRow(name, unit, definition,
        values(s, m -> describe(ReportDataBuilder.scale(f.apply(m), divisor))));
  }

  private static FigureRow latency(
      List<ModelReport> models, String name, String definition, Function<ModelReport, Stat> f) {
    Map<String, String> v = new LinkedHashMap<>();
    for (ModelReport m : models) {
      v.put(m.id(), describe(f.apply(m)));
    }
    return new FigureRow(name, "ms", definition, v);
  }

  private static Map<String, String> failed(List<ModelReport> models) {
    Map<String, String> v = new LinkedHashMap<>();
    for (ModelReport m : models) {
      v.put(m.id(), m.failedRequests().isEmpty() ? "0" : m.failedRequests().toString()
          .replace("{", "").replace("}", ""));
    }
    return v;
  }

  private static Map<String, String> values(Summary s, Function<ModelSummary, String> f) {
    Map<String, String> v = new LinkedHashMap<>();
    for (ModelSummary m : s.models()) {
      v.put(m.model(), f.apply(m));
    }
    return v;
  }

  /** {@code median [min – max] (n=3)}, or the median alone for one run, or "-" for none. */
  static String describe(Stat s) {
    if (s == null) {
      return "-";
    }
    if (s.n() == 1) {
      return Fmt.num(s.median()) + " (n=1)";
    }
    return Fmt.num(s.median()) + " [" + Fmt.num(s.min()) + " – " + Fmt.num(s.max()) + "] (n=" + s.n() + ")";
  }
}
