package faremark.orchestrator.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.backend.docker.DockerSettings.MemorySource;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link MemoryPlan#resolve}: what auto becomes, and a probe image that cannot be had. */
class MemoryPlanTest {
  private static final ImageRef PROBE = new ImageRef("faremark/probe:abc", "sha256:1", "built");
  private final AtomicInteger builds = new AtomicInteger();

  private MemoryPlan resolve(MemorySource asked, boolean hostSees) {
    return MemoryPlan.resolve(asked, () -> hostSees, Optional.of("1"), Optional.of("0"), () -> {
      builds.incrementAndGet();
      return PROBE;
    });
  }

  @Test
  void autoReadsTheHostWhereItSeesTheCgroupsAndBuildsNoProbe() {
    MemoryPlan plan = resolve(MemorySource.AUTO, true);
    assertThat(plan.source()).isEqualTo(MemorySource.HOST);
    assertThat(plan.probeImage()).isEmpty();
    assertThat(builds).hasValue(0);
  }

  @Test
  void autoTakesTheProbeWhereTheHostCannotSee() {
    MemoryPlan plan = resolve(MemorySource.AUTO, false);
    assertThat(plan).isEqualTo(new MemoryPlan(MemorySource.PROBE, Optional.of(PROBE), Optional.of("1"),
        Optional.empty(), Optional.of("0")));
  }

  @Test
  void anExplicitChoiceIsKeptWhateverTheHostSees() {
    assertThat(resolve(MemorySource.PROBE, true).source()).isEqualTo(MemorySource.PROBE);
    assertThat(resolve(MemorySource.HOST, false).source()).isEqualTo(MemorySource.HOST);
    assertThat(resolve(MemorySource.STATS, true).source()).isEqualTo(MemorySource.STATS);
  }

  @Test
  void aProbeImageThatCannotBeHadLeavesTheStatsAndSaysWhy() {
    MemoryPlan plan = MemoryPlan.resolve(MemorySource.PROBE, () -> false, Optional.empty(),
        Optional.empty(), () -> {
          throw new IOException("orchestrator/target/classes is missing");
        });
    assertThat(plan.source()).isEqualTo(MemorySource.STATS);
    assertThat(plan.probeImage()).isEmpty();
    assertThat(plan.note()).contains(
        "the probe's image could not be had (orchestrator/target/classes is missing)");
  }
}
