package faremark.orchestrator.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryCsvTest {

  @Test
  void matchesTheGoldenFile() {
    Golden.assertMatches("summary.csv", SummaryCsv.write(SummaryFixture.summary()));
  }

  @Test
  void everyRowHasAsManyCellsAsTheHeader() {
    List<String> lines = SummaryCsv.write(SummaryFixture.summary()).lines().toList();
    int columns = lines.getFirst().split(",", -1).length;

    assertThat(lines).hasSize(1 + SummaryFixture.MODELS.size());
    assertThat(lines).allSatisfy(line -> assertThat(line.split(",", -1)).hasSize(columns));
  }

  @Test
  void aModelWithoutOkRunsHasEmptyStatisticCells() {
    List<String> lines = SummaryCsv.write(SummaryFixture.summary()).lines().toList();
    List<String> header = List.of(lines.getFirst().split(",", -1));
    List<String> crashed = List.of(lines.get(3).split(",", -1));

    assertThat(crashed.get(header.indexOf("model"))).isEqualTo("py-asyncio");
    assertThat(crashed.get(header.indexOf("ok"))).isEqualTo("0");
    assertThat(crashed.get(header.indexOf("request_phase_ms_median"))).isEmpty();
    assertThat(crashed.get(header.indexOf("peak_bytes_max"))).isEmpty();
    assertThat(crashed.get(header.indexOf("server_max_in_flight_max"))).isEmpty();
    assertThat(crashed.get(header.indexOf("ideal_request_phase_ms"))).isEqualTo("200.0");
    assertThat(crashed.get(header.indexOf("outcomes"))).isEqualTo("crashed=1");
  }

  @Test
  void numbersAreRoundedToTheColumnsDecimals() {
    assertThat(SummaryCsv.number(1234.5678, 1)).isEqualTo("1234.6");
    assertThat(SummaryCsv.number(0.12345, 3)).isEqualTo("0.123");
    assertThat(SummaryCsv.number(52428799.5, 0)).isEqualTo("52428800");
    assertThat(SummaryCsv.number(null, 1)).isEmpty();
  }
}
