package faremark.orchestrator.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link CpuPlan}: the workload gets CPUs of its own only where that leaves enough for both. */
class CpuPlanTest {

  @Test
  void smallMachinesShareEveryCpu() {
    CpuPlan plan = CpuPlan.of(2);
    assertThat(plan.infra()).isEmpty();
    assertThat(plan.workload()).isEmpty();
    assertThat(plan.note()).startsWith("2 CPUs: too few");
  }

  @Test
  void fourCpusGiveOneToServerAndProxy() {
    assertThat(CpuPlan.of(4)).isEqualTo(new CpuPlan(Optional.of("0"), Optional.of("1-3"),
        "server and proxy on CPUs 0, workloads on CPUs 1-3"));
  }

  @Test
  void aQuarterGoesToServerAndProxy() {
    CpuPlan plan = CpuPlan.of(16);
    assertThat(plan.infra()).contains("0-3");
    assertThat(plan.workload()).contains("4-15");
  }
}
