package faremark.orchestrator.results.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.results.RunRecord;
import faremark.orchestrator.results.SummaryFixture;
import faremark.orchestrator.results.sweep.SweepFixture.Truth;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepComparisonTest {
  static final long MIB = SummaryFixture.MIB;

  private static List<RunRecord> sweep(double k, long noiseSeed) {
    return SweepFixture.runs(List.of(Truth.line("async", 60 * MIB, k, 3 * MIB)),
        SweepFixture.POINTS, 6, noiseSeed);
  }

  @Test
  void aSlopeTwentyPercentHigherDiffers() {
    SweepComparison c = SweepComparison.of(sweep(100 * 1024, 1), sweep(120 * 1024, 2), 5, 4_000);
    assertThat(c.slopes()).extracting(SweepComparison.SlopeDiff::figure)
        .containsExactly("peakBytes", "atFullInFlight.total", "atFullInFlight.anon");
    SweepComparison.SlopeDiff d = c.slopes().get(1);
    assertThat(d.differ()).isTrue();
    assertThat(d.low()).isPositive().isLessThan(20 * 1024);
    assertThat(d.high()).isGreaterThan(20 * 1024);
  }

  @Test
  void theSameSlopeMeasuredTwiceIsNotDistinguishable() {
    SweepComparison c = SweepComparison.of(sweep(100 * 1024, 3), sweep(100 * 1024, 4), 5, 4_000);
    SweepComparison.SlopeDiff d = c.slopes().get(1);
    assertThat(d.differ()).as("[%s, %s]", d.low(), d.high()).isFalse();
    assertThat(d.low()).isNegative();
    assertThat(d.high()).isPositive();
  }

  @Test
  void withoutASweepOnBothSidesThereIsNothingToCompare() {
    List<RunRecord> plain = List.of(SummaryFixture.ok(1, "async", 1, 1.0, 2.0, MIB, MIB, 1, 1, 1, 1));
    assertThat(SweepComparison.of(sweep(100 * 1024, 1), plain, 5, 100).slopes()).isEmpty();
    assertThat(SweepComparison.of(plain, plain, 5, 100).slopes()).isEmpty();
  }
}
