package faremark.workload.record;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.contract.DayAggregate;
import faremark.contract.WorkloadResult;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class RunRecorderTest {
  static DayAggregate day(int d) {
    return new DayAggregate(LocalDate.of(2018, 6, d), 3, 500, "f-" + d, "EUR");
  }

  @Test
  void talliesOutcomesLatencyAndPeakInFlight() {
    RunRecorder recorder = new RunRecorder();
    long a = recorder.begin();
    long b = recorder.begin();
    recorder.end(b, b + TimeUnit.MILLISECONDS.toNanos(30), new DayOutcome.Ok(day(2)));
    recorder.end(a, a + TimeUnit.MILLISECONDS.toNanos(20), new DayOutcome.Ok(day(1)));
    long c = recorder.begin();
    recorder.end(c, c + 5, new DayOutcome.Failed("http-503", "busy"));

    WorkloadResult result = recorder.result("x", 3, Map.of());
    assertThat(result.ok()).isEqualTo(2);
    assertThat(result.failed()).isEqualTo(Map.of("http-503", 1));
    assertThat(result.aggregate()).containsExactly(day(1), day(2)); // sorted by date
    assertThat(result.latency().count()).isEqualTo(2); // successes only
    assertThat(result.latency().minUs()).isBetween(19_900L, 20_100L);
    assertThat(result.latency().maxUs()).isBetween(29_900L, 30_100L);
    assertThat(recorder.peakInFlight()).isEqualTo(2);
    assertThat(result.exitCode()).isEqualTo(1);
    Histogram sent = LatencyCodec.decode(
        ((faremark.contract.LatencyDistribution.HdrHistogram) result.latencyDistribution())
            .hdrHistogram());
    assertThat(sent).isEqualTo(recorder.latencyCopy()); // successes only, whole
  }

  @Test
  void mergesWorkerTalliesAndCountsLostDays() {
    RunRecorder recorder = new RunRecorder();
    Histogram worker = RunRecorder.newHistogram();
    worker.recordValue(40_000);
    recorder.merge(1, Map.of("timeout", 1), Map.of(), List.of(day(3)), worker);
    recorder.merge(1, Map.of("timeout", 2), Map.of("connection-reset", 2), List.of(day(1)), worker);
    recorder.lost("worker-lost", 2, "test");

    WorkloadResult result = recorder.result("multi-process", 7, Map.of());
    assertThat(result.ok()).isEqualTo(2);
    assertThat(result.failed()).isEqualTo(Map.of("timeout", 3, "worker-lost", 2));
    assertThat(recorder.retried()).isEqualTo(Map.of("connection-reset", 2));
    assertThat(result.aggregate()).containsExactly(day(1), day(3));
    assertThat(result.latency().count()).isEqualTo(2);
    // the merged histogram goes out whole: both workers' values, as one distribution
    Histogram sent = LatencyCodec.decode(
        ((faremark.contract.LatencyDistribution.HdrHistogram) result.latencyDistribution())
            .hdrHistogram());
    assertThat(sent.getTotalCount()).isEqualTo(2);
    assertThat(sent.getCountAtValue(40_000)).isEqualTo(2);
  }

  @Test
  void anEmptyRunHasEmptyLatencyAndZeroPhase() {
    WorkloadResult result = new RunRecorder().result("x", 0, Map.of());
    assertThat(result.latency()).isEqualTo(faremark.contract.LatencySummary.EMPTY);
    assertThat(result.requestPhase()).isZero();
  }
}
