package faremark.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DataSizeTest {
  @Test
  void parsesBinaryAndSiUnits() {
    assertThat(DataSize.parse("512B").bytes()).isEqualTo(512);
    assertThat(DataSize.parse("8KiB").bytes()).isEqualTo(8192);
    assertThat(DataSize.parse("16KB").bytes()).isEqualTo(16000);
    assertThat(DataSize.parse("1.5MiB").bytes()).isEqualTo(1572864);
    assertThat(DataSize.parse("2GiB").bytes()).isEqualTo(2L << 30);
    assertThat(DataSize.parse(" 64 MiB ").bytes()).isEqualTo(64L << 20);
  }

  @Test
  void refusesNumbersWithoutUnitsAndUnknownUnits() {
    for (String bad : new String[] {"8192", "8k", "8 kb", "-1B", "", "MiB"}) {
      assertThatThrownBy(() -> DataSize.parse(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expected a size with a unit");
    }
  }

  @Test
  void printsTheShortestExactForm() {
    assertThat(DataSize.parse("8KiB")).hasToString("8KiB");
    assertThat(DataSize.parse("16KB")).hasToString("16000B");
    assertThat(DataSize.ofMiB(64)).hasToString("64MiB");
    assertThat(DataSize.parse(DataSize.ofMiB(3).toString())).isEqualTo(DataSize.ofMiB(3));
    assertThat(DataSize.ofBytes(1536).human()).isEqualTo("1.5 KiB");
  }
}
