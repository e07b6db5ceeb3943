package faremark.orchestrator.results;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.contract.LatencyDistribution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergedLatencyTest {
  @TempDir Path dir;

  static RunData run(RunRecord record, Histogram latency) {
    return new RunData(record, List.of(), Optional.empty(), Optional.empty(), Optional.ofNullable(latency));
  }

  @Test
  void mergingThreeRunsEqualsTheHistogramOfAllTheirValues() throws Exception {
    List<Long> all = new ArrayList<>();
    List<RunData> runs = new ArrayList<>();
    for (int rep = 1; rep <= 3; rep++) {
      // three runs of different shapes: a merge that averaged percentiles would not equal the whole
      List<Long> values = LatencyLogTest.pythonValues(rep, 200 * rep);
      long scale = rep;
      values.replaceAll(v -> v * scale);
      all.addAll(values);
      // through the file, as the report reads them
      Path file = Files.createDirectories(dir.resolve("r" + rep)).resolve(ResultsLayout.LATENCY);
      LatencyLog.write(file, "r" + rep, LatencyLog.histogram(new LatencyDistribution.ValuesUs(values)),
          Instant.EPOCH, Duration.ofSeconds(1));
      runs.add(run(SummaryFixture.ok(rep, "py-asyncio", rep, 2_000, 2_400, 30L << 20, 18L << 20,
          1_100, 200_000, 240_000, 10), LatencyLog.read(file).orElseThrow()));
    }
    Histogram whole = LatencyLog.histogram(new LatencyDistribution.ValuesUs(all));

    Map<String, Histogram> merged = MergedLatency.histograms(List.of("py-asyncio"), runs);
    assertThat(merged.get("py-asyncio")).isEqualTo(whole);
    MergedLatency figures = MergedLatency.byModel(List.of("py-asyncio"), runs).get("py-asyncio");
    assertThat(figures.count()).isEqualTo(1_200);
    assertThat(figures.runs()).isEqualTo(3);
    assertThat(figures.runsWithout()).isZero();
    assertThat(figures.p99Us()).isEqualTo(whole.getValueAtPercentile(99));
    assertThat(figures.p999Us()).isEqualTo(whole.getValueAtPercentile(99.9));
    assertThat(figures.maxUs()).isEqualTo(whole.getMaxValue());
  }

  @Test
  void onlyOkRunsAreMergedAndRunsWithoutAHistogramAreCounted() {
    Histogram a = LatencyLog.newHistogram();
    a.recordValue(100);
    Histogram failed = LatencyLog.newHistogram();
    failed.recordValue(9_999_999);
    List<RunData> runs = List.of(
        run(SummaryFixture.ok(1, "async", 1, 2_000, 2_400, 1, 1, 1, 1, 1, 10), a),
        run(SummaryFixture.ok(2, "async", 2, 2_000, 2_400, 1, 1, 1, 1, 1, 10), null),
        run(SummaryFixture.failedRequests(3, "async", 3), failed),
        run(SummaryFixture.ok(4, "sequential", 1, 2_000, 2_400, 1, 1, 1, 1, 1, 1), null));

    Map<String, MergedLatency> byModel = MergedLatency.byModel(List.of("async", "sequential"), runs);
    assertThat(byModel).containsOnlyKeys("async"); // no sequential run kept one
    MergedLatency m = byModel.get("async");
    assertThat(m.count()).isEqualTo(1);
    assertThat(m.maxUs()).isEqualTo(100);
    assertThat(m.runs()).isEqualTo(1);
    assertThat(m.runsWithout()).isEqualTo(1);
  }

  @Test
  void anEmptyMergeHasZeroFigures() {
    assertThat(MergedLatency.of(LatencyLog.newHistogram(), 1, 0).count()).isZero();
  }
}
