package faremark.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WarmupPassTest {
  private static WorkloadResult result(Map<String, Object> details) {
    return new WorkloadResult("async", 3, 2, Map.of("timeout", 1), Instant.EPOCH, Instant.EPOCH,
        Duration.ofMillis(812), new LatencySummary(2, 10, 15, 12, 20, 20, 20, 20), List.of(), details);
  }

  @Test
  void aPassIsTheThrowAwayInstancesResultAndTravelsInDetails() throws Exception {
    WarmupPass pass = WarmupPass.of(result(Map.of("retried", Map.of("timeout", 2))),
        Duration.ofMillis(1250));
    assertThat(pass.attempts()).as("3 days + 2 retries").isEqualTo(5);
    assertThat(pass.failedTotal()).isEqualTo(1);
    WorkloadResult measured = result(Map.of(WarmupPass.DETAILS_KEY, List.of(pass)));

    String json = Json.mapper().writerFor(WorkloadEvent.class)
        .writeValueAsString(new WorkloadEvent.Done(measured, Instant.EPOCH));
    assertThat(json).contains("\"warmup\":[{\"requestPhaseUs\":812000,", "\"cpuUs\":1250000");
    WorkloadResult back = ((WorkloadEvent.Done) WorkloadEvent.parse(json)).result();
    assertThat(WarmupPass.in(back)).contains(List.of(pass));
  }

  @Test
  void noPassesOrSomethingElseUnderTheKeyIsNoWarmup() {
    assertThat(WarmupPass.in(result(Map.of()))).isEmpty();
    assertThat(WarmupPass.in(null)).isEmpty();
    assertThat(WarmupPass.in(result(Map.of(WarmupPass.DETAILS_KEY, "yes")))).isEmpty();
    assertThat(WarmupPass.in(result(Map.of(WarmupPass.DETAILS_KEY, List.of())))).contains(List.of());
  }

  @Test
  void cpuIsLeftOutWhereUnknown() throws Exception {
    WarmupPass pass = new WarmupPass(Duration.ofMillis(5), 1, 1, null, null, null, null);
    assertThat(Json.mapper().writeValueAsString(pass)).doesNotContain("cpuUs");
    assertThat(pass.latency()).isEqualTo(LatencySummary.EMPTY);
  }
}
