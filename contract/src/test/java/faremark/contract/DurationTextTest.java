package faremark.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {
  @Test
  void parsesUnits() {
    assertThat(DurationText.parse("250us")).isEqualTo(Duration.ofNanos(250_000));
    assertThat(DurationText.parse("290ms")).isEqualTo(Duration.ofMillis(290));
    assertThat(DurationText.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(DurationText.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(DurationText.parse("1h")).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void aBareNumberIsRefused() {
    assertThatThrownBy(() -> DurationText.parse("290"))
        .hasMessageContaining("expected a duration with a unit")
        .hasMessageContaining("'290'");
  }

  @Test
  void formatReadsBack() {
    for (String s : new String[] {"290ms", "1500ms", "250us", "2m", "1h", "3s", "0ms"}) {
      assertThat(DurationText.format(DurationText.parse(s))).isEqualTo(s);
    }
  }
}
