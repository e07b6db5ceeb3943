package faremark.orchestrator.report;

import faremark.orchestrator.report.data.Fmt;
import faremark.orchestrator.report.data.ReportData.FigureRow;
import faremark.orchestrator.results.MergedLatency;
import faremark.orchestrator.results.ModelSummary;
import faremark.orchestrator.results.Summary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The figures table's rows for latency over every request at once ({@link MergedLatency}), only
 * in reports of folders whose runs kept their histograms: beside the rows above them, which are
 * medians of per-run percentiles.
 */
final class MergedLatencyRows {
  private MergedLatencyRows() {}

  static List<FigureRow> of(Summary summary) {
    String def = "over every request of the ok runs at once, from their merged latency.hlog"
        + " histograms (exact merge; HdrHistogram, 3 significant digits)";
    return List.of(
        new FigureRow("latency histogram", "requests", summary.definitions().get("latencyMerged"),
            values(summary, m -> m.count() + " from " + m.runs() + " run" + (m.runs() == 1 ? "" : "s")
                + (m.runsWithout() == 0 ? "" : " (" + m.runsWithout() + " ok without one)"))),
        ms(summary, "latency p50, all requests", "median request latency " + def, MergedLatency::p50Us),
        ms(summary, "latency p99, all requests", "99th percentile " + def, MergedLatency::p99Us),
        ms(summary, "latency p99.9, all requests", "99.9th percentile " + def, MergedLatency::p999Us),
        ms(summary, "latency max, all requests", "slowest request of all the ok runs", MergedLatency::maxUs));
  }

  private static FigureRow ms(Summary summary, String name, String definition,
      ToLongFunction<MergedLatency> us) {
    return new FigureRow(name, "ms", definition,
        values(summary, m -> Fmt.num(us.applyAsLong(m) / 1000.0)));
  }

  private static Map<String, String> values(Summary summary, Function<MergedLatency, String> f) {
    Map<String, String> v = new LinkedHashMap<>();
    for (ModelSummary m : summary.models()) {
      v.put(m.model(), m.latencyMerged() == null ? "-" : f.apply(m.latencyMerged()));
    }
    return v;
  }
}
