package faremark.orchestrator.report;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.contract.LatencyDistribution;
import faremark.orchestrator.report.data.ReportData;
import faremark.orchestrator.report.data.ReportData.LatencyCurve;
import faremark.orchestrator.results.LatencyLog;
import faremark.orchestrator.results.ResultsFixture;
import faremark.orchestrator.results.ResultsLayout;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyCurvesTest {
  @TempDir Path tmp;

  @Test
  void theCurveIsHdrHistogramsPercentileDistribution() {
    List<Long> values = new ArrayList<>();
    for (long v = 1; v <= 1_000; v++) {
      values.add(v * 1_000); // 1 ms .. 1 s, evenly
    }
    Histogram h = LatencyLog.histogram(new LatencyDistribution.ValuesUs(values));
    LatencyCurve curve = LatencyCurves.of(h, 3);

    assertThat(curve.runs()).isEqualTo(3);
    assertThat(curve.count()).isEqualTo(1_000);
    double[] first = curve.points().get(0);
    double[] last = curve.points().get(curve.points().size() - 1);
    assertThat(last[0]).isEqualTo(100.0);
    assertThat(last[1]).isEqualTo(h.getMaxValue() / 1000.0);
    assertThat(first[1]).isEqualTo(h.highestEquivalentValue(1_000) / 1000.0);
    // percentiles rise, values never fall, and the median is where HdrHistogram puts it
    for (int i = 1; i < curve.points().size(); i++) {
      assertThat(curve.points().get(i)[0]).isGreaterThanOrEqualTo(curve.points().get(i - 1)[0]);
      assertThat(curve.points().get(i)[1]).isGreaterThanOrEqualTo(curve.points().get(i - 1)[1]);
    }
    assertThat(curve.points()).anyMatch(p -> p[0] == 50.0 && p[1] == h.getValueAtPercentile(50) / 1000.0);
  }

  @Test
  void anEmptyHistogramHasNoPoints() {
    assertThat(LatencyCurves.of(LatencyLog.newHistogram(), 1).points()).isEmpty();
  }

  @Test
  void aReportOfRunsWithHistogramsShowsThePercentileChartAndTheMergedRows() throws Exception {
    Path dir = ResultsFixture.writeA(tmp.resolve("a"));
    ResultsFixture.keepLatency(dir, "py-asyncio");
    ReportData data = ReportWriter.write(dir, new PrintStream(OutputStream.nullOutputStream())).data();

    ReportData.ModelReport py = data.models().stream().filter(m -> m.id().equals("py-asyncio"))
        .findFirst().orElseThrow();
    assertThat(py.latencyCurve().count()).isEqualTo(200);
    assertThat(py.latencyCurve().runs()).isEqualTo(2);
    assertThat(data.models()).filteredOn(m -> !m.id().equals("py-asyncio"))
        .allMatch(m -> m.latencyCurve() == null);
    assertThat(Files.readString(dir.resolve(ResultsLayout.REPORT_HTML)))
        .contains("id=\"latency-percentiles\"", "py-asyncio (200 requests, 2 runs)",
            "sequential (no histogram)", "99 %");
    assertThat(dir.resolve(ResultsLayout.chartPng("latency-percentiles"))).isNotEmptyFile();
    assertThat(data.figures()).anyMatch(r -> r.figure().equals("latency p99.9, all requests")
        && r.values().get("sequential").equals("-") && !r.values().get("py-asyncio").equals("-"));
  }

  @Test
  void aReportOfRunsWithoutHistogramsHasNoPercentileChart() throws Exception {
    Path dir = ResultsFixture.writeA(tmp.resolve("a"));
    ReportData data = ReportWriter.write(dir, new PrintStream(OutputStream.nullOutputStream())).data();
    assertThat(data.models()).allMatch(m -> m.latencyCurve() == null);
    assertThat(Files.readString(dir.resolve(ResultsLayout.REPORT_HTML))).doesNotContain("latency-percentiles");
    assertThat(dir.resolve(ResultsLayout.chartPng("latency-percentiles"))).doesNotExist();
    assertThat(data.figures()).noneMatch(r -> r.figure().contains("all requests"));
  }
}
