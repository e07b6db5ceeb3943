package faremark.orchestrator.results.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.results.Golden;
import faremark.orchestrator.results.ResultsReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCsvTest {
  @TempDir Path tmp;

  @Test
  void sweepCsvFromRawDataMatchesTheGoldenFile() throws Exception {
    Path dir = SweepFixture.writeGolden(tmp.resolve("s"));
    Golden.assertMatches("sweep/sweep.csv",
        SweepCsv.write(SweepAnalyzer.of(ResultsReader.read(dir)).orElseThrow()));
  }

  @Test
  void oneRowPerModelFigureAndPointEveryRowAsWideAsTheHeader() throws Exception {
    Path dir = SweepFixture.writeGolden(tmp.resolve("s"));
    String[] lines = SweepCsv.write(SweepAnalyzer.of(ResultsReader.read(dir)).orElseThrow()).split("\n");
    // 2 models x (peak, anon, file, kernel, total, request phase) x 4 points
    assertThat(lines).hasSize(1 + 2 * 6 * 4);
    for (String line : lines) {
      assertThat(line.split(",", -1)).hasSize(SweepCsv.HEADER.size());
    }
    assertThat(lines[0]).startsWith("model,figure,unit,point,value,");
  }
}
