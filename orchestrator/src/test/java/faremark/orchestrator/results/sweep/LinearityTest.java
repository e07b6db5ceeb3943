package faremark.orchestrator.results.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * How often {@link Linearity#RULE} cries wolf on sweeps that are truly lines, and how often it
 * finds a step that is there: the numbers quoted where the rule is defined.
 */
class LinearityTest {
  private static final double[] N = {1, 10, 100, 1000, 2000, 5000, 10000};
  private static final int REPS = 6;
  private static final int SWEEPS = 500;

  private static List<Observation> sweep(Random r, double k, double sd, double step, double stepAt) {
    List<Observation> obs = new ArrayList<>();
    for (int p = 0; p < N.length; p++) {
      for (int i = 0; i < REPS; i++) {
        double y = 50e6 + k * N[p] + (N[p] >= stepAt ? step : 0) + r.nextGaussian() * sd;
        obs.add(new Observation("r" + p + "-" + i, p, N[p], y));
      }
    }
    return obs;
  }

  private static Linearity judge(List<Observation> obs) {
    return LackOfFit.test(obs, LeastSquares.fit(obs));
  }

  @Test
  void onTrueLinesTheFlagIsRareAndTheTestAloneRejectsAtItsLevel() {
    Random r = new Random(11);
    int flagged = 0;
    int rejected = 0;
    for (int s = 0; s < SWEEPS; s++) {
      // noise of 3 MiB on a rise of 1 GB: the size condition alone would never fire
      Linearity l = judge(sweep(r, 100_000, 3e6, 0, Double.MAX_VALUE));
      flagged += l.nonLinear() ? 1 : 0;
      rejected += l.pValue() < Linearity.ALPHA ? 1 : 0;
    }
    assertThat(flagged).isZero();
    // the F test's own false alarms: 1 % of 500 is 5; binomial 99.9 % bound ~13
    assertThat(rejected).isLessThanOrEqualTo(13);
  }

  @Test
  void onNoisyFlatLinesTheFlagStaysRare() {
    // a model whose memory does not grow with N (sequential): the rise is ~0, so only the test
    // guards; it must still hold its level
    Random r = new Random(12);
    int flagged = 0;
    for (int s = 0; s < SWEEPS; s++) {
      flagged += judge(sweep(r, 0, 3e6, 0, Double.MAX_VALUE)).nonLinear() ? 1 : 0;
    }
    assertThat(flagged).isLessThanOrEqualTo(13);
  }

  @Test
  void aStepOfATenthOfTheRiseIsFoundEveryTime() {
    Random r = new Random(13);
    int found = 0;
    for (int s = 0; s < 200; s++) {
      // 100 KB per request over 10,000: a rise of 1 GB; the heap steps by 100 MB at 2,000
      found += judge(sweep(r, 100_000, 3e6, 100e6, 2000)).nonLinear() ? 1 : 0;
    }
    assertThat(found).isEqualTo(200);
  }

  @Test
  void twoPointsOrNoRepeatedPointAreUntested() {
    List<Observation> two = List.of(new Observation("a", 0, 1, 1), new Observation("b", 0, 1, 1.1),
        new Observation("c", 1, 2, 2));
    assertThat(judge(two).verdict()).isEqualTo(Linearity.Verdict.UNTESTED);
    List<Observation> single = List.of(new Observation("a", 0, 1, 1),
        new Observation("b", 1, 2, 2), new Observation("c", 2, 3, 5));
    assertThat(judge(single).verdict()).isEqualTo(Linearity.Verdict.UNTESTED);
    assertThat(judge(single).detail()).contains("no point has 2 or more runs");
  }

  @Test
  void aFlatLineWithAPointOffItIsJudgedNotThrown() {
    // page cache in whole pages: the middle point's runs differ, the ends balance to slope 0
    List<Observation> flat = List.of(new Observation("a", 0, 10, 40960),
        new Observation("b", 0, 10, 40960), new Observation("c", 1, 55, 155648),
        new Observation("d", 1, 55, 40960), new Observation("e", 2, 100, 40960),
        new Observation("f", 2, 100, 40960));
    assertThat(LeastSquares.fit(flat).slope()).isZero();
    Linearity l = judge(flat);
    assertThat(l.maxDeviationShare()).isNull();
    assertThat(l.detail()).contains("the line is flat and a point lies off it");
  }
}
