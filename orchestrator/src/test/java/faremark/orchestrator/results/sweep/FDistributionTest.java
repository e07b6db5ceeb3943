package faremark.orchestrator.results.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Against printed tables of the F distribution's critical values. */
class FDistributionTest {
  @Test
  void criticalValuesFromTablesHaveTheirTailProbability() {
    assertThat(FDistribution.upperTail(4.103, 2, 10)).isCloseTo(0.05, within(2e-4));
    assertThat(FDistribution.upperTail(3.098, 3, 20)).isCloseTo(0.05, within(2e-4));
    assertThat(FDistribution.upperTail(161.45, 1, 1)).isCloseTo(0.05, within(2e-4));
    assertThat(FDistribution.upperTail(4.018, 4, 30)).isCloseTo(0.01, within(1e-4));
  }

  @Test
  void edges() {
    assertThat(FDistribution.upperTail(0, 3, 10)).isEqualTo(1);
    assertThat(FDistribution.upperTail(Double.POSITIVE_INFINITY, 3, 10)).isEqualTo(0);
    assertThat(FDistribution.logGamma(5)).isCloseTo(Math.log(24), within(1e-12));
    assertThat(FDistribution.logGamma(0.5)).isCloseTo(Math.log(Math.sqrt(Math.PI)), within(1e-12));
  }
}
