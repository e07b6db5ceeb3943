package faremark.orchestrator.results.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeastSquaresTest {
  @Test
  void anExactLineIsFoundExactly() {
    List<Observation> obs = new ArrayList<>();
    for (int n : new int[] {1, 10, 100, 10_000}) {
      obs.add(new Observation("r" + n, 0, n, 2e9 + 102_400.0 * n));
    }
    LeastSquares.Line l = LeastSquares.fit(obs);
    assertThat(l.slope()).isCloseTo(102_400, within(1e-6));
    assertThat(l.intercept()).isCloseTo(2e9, within(1e-3));
    assertThat(l.r2()).isCloseTo(1, within(1e-12));
    assertThat(LeastSquares.theilSen(obs)).isCloseTo(102_400, within(1e-6));
  }

  @Test
  void theilSenShrugsOffOneWildRunLeastSquaresDoesNot() {
    List<Observation> obs = new ArrayList<>();
    for (int n = 1; n <= 9; n++) {
      obs.add(new Observation("r" + n, n, n, 10.0 * n));
    }
    obs.add(new Observation("wild", 10, 10, 1000));
    assertThat(LeastSquares.theilSen(obs)).isEqualTo(10.0);
    assertThat(LeastSquares.fit(obs).slope()).isGreaterThan(30);
  }

  @Test
  void noLineThroughOneX() {
    assertThat(LeastSquares.fit(List.of(new Observation("a", 0, 5, 1), new Observation("b", 0, 5, 2))))
        .isNull();
    assertThat(LeastSquares.theilSen(List.of(new Observation("a", 0, 5, 1)))).isNull();
  }
}
