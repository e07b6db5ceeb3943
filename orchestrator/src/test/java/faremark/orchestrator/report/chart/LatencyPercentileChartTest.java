package faremark.orchestrator.report.chart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyPercentileChartTest {
  @Test
  void theAxisIsOneOverTheTailCappedAtTheRequestCount() {
    assertThat(LatencyPercentileChart.x(0, 1_000)).isEqualTo(1);
    assertThat(LatencyPercentileChart.x(90, 1_000)).isCloseTo(10, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(LatencyPercentileChart.x(99.9, 1_000)).isCloseTo(1_000, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(LatencyPercentileChart.x(100, 1_000)).isEqualTo(1_000);
    assertThat(LatencyPercentileChart.x(99.99, 1_000)).isEqualTo(1_000);
  }

  @Test
  void ticksAreTheNinesOfEachDecade() {
    assertThat(LatencyPercentileChart.percentLabel(0)).isEqualTo("0 %");
    assertThat(LatencyPercentileChart.percentLabel(1)).isEqualTo("90 %");
    assertThat(LatencyPercentileChart.percentLabel(2)).isEqualTo("99 %");
    assertThat(LatencyPercentileChart.percentLabel(3)).isEqualTo("99.9 %");
    assertThat(LatencyPercentileChart.percentLabel(5)).isEqualTo("99.999 %");
  }
}
