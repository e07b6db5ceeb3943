package faremark.workload.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faremark.contract.LatencyDistribution;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyCodecTest {
  @Test
  void aHistogramSurvivesTheRoundTripWhole() {
    Histogram h = RunRecorder.newHistogram();
    for (long v : new long[] {1, 999, 1_000, 1_001, 250_000, 3_600_000_000L}) {
      h.recordValue(v);
    }
    Histogram back = LatencyCodec.decode(LatencyCodec.encode(h));
    assertThat(back).isEqualTo(h);
    assertThat(back.getTotalCount()).isEqualTo(6);
    assertThat(back.getNumberOfSignificantValueDigits()).isEqualTo(3);
  }

  @Test
  void theContractsFormIsTheSameEncoding() {
    Histogram h = RunRecorder.newHistogram();
    h.recordValue(42);
    LatencyDistribution d = LatencyCodec.distribution(h);
    assertThat(d).isInstanceOf(LatencyDistribution.HdrHistogram.class);
    assertThat(LatencyCodec.decode(((LatencyDistribution.HdrHistogram) d).hdrHistogram())).isEqualTo(h);
  }

  @Test
  void textThatIsNoHistogramIsRefusedClearly() {
    assertThatThrownBy(() -> LatencyCodec.decode("bm90IGEgaGlzdG9ncmFt"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not decode");
    assertThatThrownBy(() -> LatencyCodec.decode("%%%"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
