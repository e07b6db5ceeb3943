package faremark.orchestrator.results.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import faremark.contract.Json;
import faremark.orchestrator.results.Golden;
import faremark.orchestrator.results.ResultsReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepJsonTest {
  @TempDir Path tmp;

  @Test
  void sweepJsonFromRawDataMatchesTheGoldenFile() throws Exception {
    Path dir = SweepFixture.writeGolden(tmp.resolve("s"));
    Golden.assertMatches("sweep/sweep.json",
        SweepJson.write(SweepAnalyzer.of(ResultsReader.read(dir)).orElseThrow()));
  }

  @Test
  void itStandsOnItsOwnEveryFigureAndStatisticDefinedTheSeedRecorded() throws Exception {
    Path dir = SweepFixture.writeGolden(tmp.resolve("s"));
    JsonNode json = Json.mapper().readTree(
        SweepJson.write(SweepAnalyzer.of(ResultsReader.read(dir)).orElseThrow()));
    assertThat(json.path("bootstrap").path("seed").asLong()).isEqualTo(SweepAnalysis.DEFAULT_SEED);
    assertThat(json.path("bootstrap").path("resamples").asInt()).isEqualTo(10_000);
    assertThat(json.path("figures").path("peakBytes").path("unit").asText()).isEqualTo("bytes");
    assertThat(json.path("figures").path("peakBytes").path("definition").asText()).contains("peak");
    for (String statistic : new String[] {"used", "excluded", "median", "slope", "theilSen", "r2"}) {
      assertThat(json.path("definitions").path(statistic).asText()).isNotBlank();
    }
    JsonNode excluded = json.path("models").get(0).path("points").get(3).path("excluded").get(0);
    assertThat(excluded.path("kind").asText()).isEqualTo("in-flight-not-reached");
    assertThat(excluded.path("reason").asText()).contains("1480 of 2000");
  }
}
