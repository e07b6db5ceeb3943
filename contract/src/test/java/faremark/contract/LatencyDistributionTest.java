package faremark.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LatencyDistributionTest {
  private static WorkloadResult result(LatencyDistribution distribution) {
    return new WorkloadResult("m", 2, 2, Map.of(), Instant.EPOCH, Instant.EPOCH.plusSeconds(1),
        Duration.ofMillis(900), new LatencySummary(2, 10, 15, 10, 20, 20, 20, 20), List.of(),
        Map.of(), distribution);
  }

  @Test
  void eachFormIsToldApartByItsOneField() throws Exception {
    for (LatencyDistribution d : List.of(
        new LatencyDistribution.HdrHistogram("HISTFAAAAB14nJNpmSzMwMDAxQABzFAaAAlOARA="),
        new LatencyDistribution.ValuesUs(List.of(10L, 20L)))) {
      String json = Json.mapper().writeValueAsString(result(d));
      WorkloadResult back = Json.mapper().readValue(json, WorkloadResult.class);
      assertThat(back.latencyDistribution()).isEqualTo(d);
    }
    assertThat(Json.mapper().writeValueAsString(result(new LatencyDistribution.ValuesUs(List.of(7L)))))
        .contains("\"latencyDistribution\":{\"valuesUs\":[7]}");
  }

  @Test
  void aResultWithoutOneReadsAndWritesAsBefore() throws Exception {
    WorkloadResult none = result(null);
    String json = Json.mapper().writeValueAsString(none);
    assertThat(json).doesNotContain("latencyDistribution");
    assertThat(Json.mapper().readValue(json, WorkloadResult.class)).isEqualTo(none);
  }

  @Test
  void itIsLeftOutOnRequestAndKeptThroughNewDetails() {
    WorkloadResult with = result(new LatencyDistribution.ValuesUs(List.of(1L)));
    assertThat(with.withoutLatencyDistribution().latencyDistribution()).isNull();
    assertThat(with.withDetails(Map.of("k", 1)).latencyDistribution())
        .isEqualTo(with.latencyDistribution());
  }
}
