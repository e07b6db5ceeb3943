package faremark.orchestrator.results.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.results.Golden;
import faremark.orchestrator.results.ResultsReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepConsoleTableTest {
  @TempDir Path tmp;

  @Test
  void theSweepsTableFromRawDataMatchesTheGoldenFile() throws Exception {
    Path dir = SweepFixture.writeGolden(tmp.resolve("s"));
    Golden.assertMatches("sweep/console-table.txt",
        SweepConsoleTable.render(SweepAnalyzer.of(ResultsReader.read(dir)).orElseThrow()));
  }

  @Test
  void aSlopeAndItsIntervalShareOneUnit() {
    assertThat(SweepConsoleTable.interval(81_706.1, 80_411.3, 83_167.1))
        .isEqualTo("79.8 KiB [78.5, 81.2]");
    assertThat(SweepConsoleTable.interval(8_640_000, 8_300_000.0, 8_700_000.0))
        .isEqualTo("8.2 MiB [7.9, 8.3]");
    assertThat(SweepConsoleTable.interval(-300, -900.0, 400.0)).isEqualTo("-300 B [-900, 400]");
    assertThat(SweepConsoleTable.interval(2048, null, null)).isEqualTo("2.0 KiB");
  }
}
