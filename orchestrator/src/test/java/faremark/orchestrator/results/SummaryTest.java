package faremark.orchestrator.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import faremark.contract.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON form of {@link Summary}: {@code summary.json}. */
class SummaryTest {

  @Test
  void jsonMatchesTheGoldenFile() throws Exception {
    String json =
        Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(SummaryFixture.summary());

    Golden.assertMatches("summary.json", json);
  }

  @Test
  void jsonCarriesTheDefinitionsInTheirDocumentedOrder() throws Exception {
    // Iteration order must not depend on the JVM (Map.copyOf's order is randomized per JVM),
    // or summary.json would differ between two runs with the same data.
    JsonNode tree = Json.mapper().valueToTree(SummaryFixture.summary());
    List<String> keys = new ArrayList<>();
    tree.path("definitions").fieldNames().forEachRemaining(keys::add);

    assertThat(keys).startsWith("ok", "requestPhaseMs", "processWallMs", "peakBytes")
        .endsWith("requestPhaseVsIdeal", "unrequestedResends", "statistics");
    assertThat(List.copyOf(Summary.DEFINITIONS.keySet())).isEqualTo(keys);
  }

  @Test
  void timesAreIsoInstantsAndOutcomesUseTheirIds() throws Exception {
    JsonNode tree = Json.mapper().valueToTree(SummaryFixture.summary());

    assertThat(tree.path("startedAt").asText()).isEqualTo("2024-05-06T07:08:09Z");
    assertThat(tree.path("endedAt").asText()).isEqualTo("2024-05-06T07:12:34.500Z");
    assertThat(tree.path("models").get(1).path("outcomes").path("failed-requests").asInt()).isEqualTo(1);
    assertThat(tree.path("models").get(2).path("requestPhaseMs").isNull()).isTrue();
  }
}
