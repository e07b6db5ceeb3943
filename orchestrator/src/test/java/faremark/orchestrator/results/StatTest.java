package faremark.orchestrator.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatTest {

  @Test
  void medianOfAnOddCountIsTheMiddleValue() {
    assertThat(Stat.of(List.of(30, 10, 20))).isEqualTo(new Stat(3, 20, 10, 30));
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
    assertThat(Stat.of(List.of(4.0, 1.0, 10.0, 2.0))).isEqualTo(new Stat(4, 3.0, 1.0, 10.0));
  }

  @Test
  void aSingleValueIsMedianMinAndMax() {
    assertThat(Stat.of(List.of(7L))).isEqualTo(new Stat(1, 7, 7, 7));
  }

  @Test
  void minAndMaxDoNotDependOnInputOrder() {
    Stat stat = Stat.of(List.of(5, -3, 12, 0, 8));

    assertThat(stat.min()).isEqualTo(-3);
    assertThat(stat.max()).isEqualTo(12);
    assertThat(stat.median()).isEqualTo(5);
  }

  @Test
  void nullsAreIgnoredAndNotCounted() {
    assertThat(Stat.of(Arrays.asList(null, 1, null, 3))).isEqualTo(new Stat(2, 2, 1, 3));
    assertThat(Stat.ofNullable(Arrays.asList(9L, null, 1L, 5L))).isEqualTo(new Stat(3, 5, 1, 9));
  }

  @Test
  void nothingToSummarizeIsNull() {
    assertThat(Stat.of(List.of())).isNull();
    assertThat(Stat.of(Arrays.asList((Number) null, null))).isNull();
    assertThat(Stat.ofNullable(Arrays.asList((Long) null))).isNull();
  }

  @Test
  void mixesNumberTypes() {
    assertThat(Stat.of(List.<Number>of(1, 2L, 3.5))).isEqualTo(new Stat(3, 2, 1, 3.5));
  }
}
