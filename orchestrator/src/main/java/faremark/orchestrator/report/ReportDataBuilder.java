package faremark.orchestrator.report;

import faremark.orchestrator.report.data.ReportData.FigureRow;
import faremark.orchestrator.report.data.ReportData.ModelReport;
import faremark.orchestrator.report.data.ReportData.RunReport;
import faremark.orchestrator.report.data.ReportData;
import faremark.orchestrator.results.ExperimentData;
import faremark.orchestrator.results.ModelSummary;
import faremark.orchestrator.results.RunData;
import faremark.orchestrator.results.RunRecord;
import faremark.orchestrator.results.Stat;
import faremark.orchestrator.results.Summary;
import faremark.orchestrator.results.SummaryBuilder;
import faremark.orchestrator.results.sweep.SweepAnalysis;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/** Builds {@link ReportData} from a results folder's raw data and its {@link Summary}. */
public final class ReportDataBuilder {
  static final double MIB = 1024.0 * 1024.0;

  private ReportDataBuilder() {}

  /** Without a sweep analysis: the report of a folder whose runs have no sweep point. */
  public static ReportData build(ExperimentData data, Summary summary) {
    return build(data, summary, null);
  }

  /** @param sweep the folder's sweep analysis; null when its runs have no sweep point */
  public static ReportData build(ExperimentData data, Summary summary, SweepAnalysis sweep) {
    Map<String, List<RunData>> byModel = new LinkedHashMap<>();
    for (ModelSummary m : summary.models()) {
      byModel.put(m.model(), new ArrayList<>());
    }
    for (RunData run : data.runs()) {
      byModel.computeIfAbsent(run.record().model(), k -> new ArrayList<>()).add(run);
    }
    List<ModelReport> models = new ArrayList<>();
    List<String> medianRuns = new ArrayList<>();
    Map<String, ReportData.LatencyCurve> curves = LatencyCurves.of(data);
    for (ModelSummary m : summary.models()) {
      List<RunData> runs = byModel.getOrDefault(m.model(), List.of());
      String median = medianRun(runs);
      if (median != null) {
        medianRuns.add(median);
      }
      models.add(model(m, runs, median, curves.get(m.model())));
    }
    List<RunReport> runs = new ArrayList<>();
    for (Map.Entry<String, List<RunData>> e : byModel.entrySet()) {
      Double typicalReady = typicalReady(e.getValue());
      for (RunData run : e.getValue()) {
        runs.add(run(run, medianRuns.contains(run.record().runId()), typicalReady));
      }
    }
    runs.sort(Comparator.comparing(RunReport::runId));
    String peakDefinition = peakDefinition(data);
    return new ReportData(
        summary.scenario(), data.scenario().description(), summary.startedAt(), summary.endedAt(),
        summary.backend(), summary.memorySource(), peakDefinition, summary.interrupted(),
        summary.runs(), summary.okRuns(), models, data.notRun(), runs,
        Figures.rows(summary, models, peakDefinition), data.scenarioTree(), data.environment(),
        Caveats.of(data, summary), summary.warmup(), summary.firstUse(), sweep);
  }

  /** The ok run with the median peak (the lower middle one for an even count); null if none. */
  static String medianRun(List<RunData> runs) {
    List<RunRecord> ok = runs.stream().map(RunData::record)
        .filter(r -> r.outcome().ok() && r.memory() != null && r.memory().peakBytes() != null)
        .sorted(Comparator.comparingLong((RunRecord r) -> r.memory().peakBytes())
            .thenComparingInt(RunRecord::index))
        .toList();
    return ok.isEmpty() ? null : ok.get((ok.size() - 1) / 2).runId();
  }

  private static ModelReport model(ModelSummary m, List<RunData> runs, String medianRunId,
      ReportData.LatencyCurve curve) {
    List<RunRecord> ok = runs.stream().map(RunData::record).filter(r -> r.outcome().ok()).toList();
    Map<String, Integer> failed = new TreeMap<>();
    for (RunData run : runs) {
      if (run.record().result() != null) {
        run.record().result().failed().forEach((cause, n) -> failed.merge(cause, n, Integer::sum));
      }
    }
    return new ModelReport(
        m.model(), ModelColors.of(m.model()), m.runs(), m.ok(), m.outcomes(), medianRunId,
        scale(m.peakBytes(), MIB), scale(m.baselineBytes(), MIB),
        scale(m.peakAboveBaselineBytes(), MIB), m.requestPhaseMs(),
        latency(ok, r -> r.result().latency().p50Us()),
        latency(ok, r -> r.result().latency().p90Us()),
        latency(ok, r -> r.result().latency().p99Us()),
        latency(ok, r -> r.result().latency().maxUs()),
        failed,
        m.unrequestedResends(),
        resendsPerRun(runs),
        curve);
  }

  private static Double resendsPerRun(List<RunData> runs) {
    List<RunRecord> known = runs.stream().map(RunData::record)
        .filter(r -> r.unrequestedResends() != null).toList();
    Long total = SummaryBuilder.unrequestedResends(known);
    return total == null ? null : round((double) total / known.size(), 2);
  }

  private static Stat latency(List<RunRecord> ok, Function<RunRecord, Long> us) {
    return Stat.ofNullable(ok.stream()
        .filter(r -> r.result() != null && r.result().latency() != null)
        .map(r -> us.apply(r) / 1000.0).toList());
  }

  static Stat scale(Stat s, double divisor) {
    return s == null ? null : new Stat(s.n(), s.median() / divisor, s.min() / divisor, s.max() / divisor);
  }

  private static Double typicalReady(List<RunData> runs) {
    return Stat.ofNullable(runs.stream().map(r -> r.readyMs().orElse(null)).toList()) instanceof Stat s
        ? s.median() : null;
  }

  private static RunReport run(RunData run, boolean median, Double typicalReady) {
    RunRecord r = run.record();
    boolean aligned = run.readyMs().isPresent();
    double origin = run.readyMs().orElse(typicalReady == null ? 0.0 : typicalReady);
    Double done = run.doneMs().map(d -> round(d - origin, 1)).orElse(null);
    var memory = r.memory();
    return new RunReport(
        r.runId(), r.model(), r.repetition(), r.outcome().id(), r.reason(), median, aligned, done,
        r.requestPhaseMs(),
        memory == null || memory.peakBytes() == null ? null : round(memory.peakBytes() / MIB, 2),
        memory == null || memory.peakAboveBaselineBytes() == null
            ? null : round(memory.peakAboveBaselineBytes() / MIB, 2),
        memory == null ? null : memory.peakSource(),
        r.unrequestedResends(),
        SeriesThinner.thin(run.samples(), origin));
  }

  private static String peakDefinition(ExperimentData data) {
    List<String> kinds = data.runs().stream()
        .map(r -> r.record().memory())
        .filter(Objects::nonNull)
        .map(m -> m.peakSource() + "|" + m.source())
        .distinct().toList();
    List<String> parts = new ArrayList<>();
    for (String k : kinds) {
      String[] f = k.split("\\|", 2);
      parts.add(switch (f[0]) {
        case "kernel" -> "the kernel's high-water mark of the run's own memory cgroup (" + f[1]
            + (f[1].endsWith("v1") ? ": memory.max_usage_in_bytes" : ": memory.peak")
            + "), so no peak between samples is missed";
        default -> "the highest sampled " + (f[1].equals("proc-rss")
            ? "RSS sum of the run's process tree (/proc; no cgroup could be made, so a peak"
                + " between two samples can be missed)"
            : "usage (" + f[1] + ")");
      });
    }
    return parts.isEmpty() ? "no memory data" : String.join("; for other runs: ", parts);
  }

  static double round(double v, int decimals) {
    double f = Math.pow(10, decimals);
    return Math.round(v * f) / f;
  }
}
