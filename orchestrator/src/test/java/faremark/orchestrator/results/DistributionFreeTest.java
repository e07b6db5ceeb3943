package faremark.orchestrator.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DistributionFreeTest {

  @Test
  void aMedianOfSixRunsHasItsRangeAsA97PercentInterval() {
    DistributionFree.Interval i = DistributionFree.median(List.of(832.0, 764.0, 942.0, 790.0, 900.0, 810.0));
    assertThat(i.low()).isEqualTo(764.0);
    assertThat(i.high()).isEqualTo(942.0);
    assertThat(i.coverage()).isCloseTo(1 - 2.0 / 64, within(1e-12));
  }

  @Test
  void fewerThanSixRunsCannotReach95PercentAndSaySo() {
    DistributionFree.Interval three = DistributionFree.median(List.of(3.0, 1.0, 2.0));
    assertThat(three).isEqualTo(new DistributionFree.Interval(1.0, 3.0, 0.75));
    assertThat(DistributionFree.median(List.of(5.0)).coverage()).isZero();
    assertThat(DistributionFree.median(List.of())).isNull();
  }

  @Test
  void moreRunsNarrowTheIntervalToInnerOrderStatistics() {
    List<Double> ten = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      ten.add((double) i);
    }
    // k = 2: 1 - 2 * (1 + 10) / 1024 = 0.9785; k = 3 would be 0.89
    DistributionFree.Interval i = DistributionFree.median(ten);
    assertThat(i.low()).isEqualTo(2.0);
    assertThat(i.high()).isEqualTo(9.0);
    assertThat(i.coverage()).isCloseTo(1 - 22.0 / 1024, within(1e-12));
  }

  @Test
  void mannWhitneyNullDistributionMatchesCountingEveryArrangement() {
    for (int n = 1; n <= 5; n++) {
      for (int m = 1; m <= 6; m++) {
        double[] cdf = DistributionFree.mannWhitneyCdf(n, m);
        long[] counts = new long[n * m + 1];
        long total = countArrangements(n, m, 0, counts);
        double sum = 0;
        for (int u = 0; u <= n * m; u++) {
          sum += (double) counts[u] / total;
          assertThat(cdf[u]).as("n=%d m=%d u=%d", n, m, u).isCloseTo(sum, within(1e-12));
        }
      }
    }
  }

  /** Every order of n x's and m y's, each counted once: U = pairs with the x above the y. */
  private static long countArrangements(int n, int m, int u, long[] counts) {
    if (n == 0 || m == 0) {
      counts[u]++;
      return 1;
    }
    // the largest value is an x (above all m y's) or a y (above no x)
    return countArrangements(n - 1, m, u + m, counts) + countArrangements(n, m - 1, u, counts);
  }

  @Test
  void theShiftOfThreeColdRunsOverSixWarmOnesHasA95PercentInterval() {
    List<Double> cold = List.of(832.0, 764.0, 942.0);
    List<Double> warm = List.of(388.0, 372.0, 413.0, 380.0, 395.0, 401.0);
    DistributionFree.Interval i = DistributionFree.shift(cold, warm);
    // 18 differences; P(U <= 1) = 2/84 <= 0.025 < P(U <= 2): k = 2, coverage 1 - 4/84
    assertThat(i.coverage()).isCloseTo(1 - 4.0 / 84, within(1e-12));
    assertThat(i.low()).isEqualTo(764.0 - 401.0); // the 2nd smallest difference
    assertThat(i.high()).isEqualTo(942.0 - 380.0); // the 2nd largest
    assertThat(i.contains(0)).isFalse();
  }

  @Test
  void samplesFromOnePlaceGiveAnIntervalAroundZero() {
    DistributionFree.Interval i = DistributionFree.shift(List.of(376.0, 364.0, 409.0),
        List.of(385.0, 379.0, 391.0, 380.0, 388.0, 372.0));
    assertThat(i.contains(0)).isTrue();
  }

  @Test
  void tooFewRunsForAnyIntervalGiveTheWholeRangeWithItsCoverage() {
    DistributionFree.Interval i = DistributionFree.shift(List.of(10.0, 11.0), List.of(1.0, 2.0));
    assertThat(i.low()).isEqualTo(8.0);
    assertThat(i.high()).isEqualTo(10.0);
    assertThat(i.coverage()).isCloseTo(1 - 2.0 / 6, within(1e-12));
    assertThat(DistributionFree.shift(List.of(), List.of(1.0))).isNull();
  }
}
