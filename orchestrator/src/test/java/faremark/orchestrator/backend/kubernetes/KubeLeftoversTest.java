package faremark.orchestrator.backend.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When an experiment's objects are a dead faremark's: the pid here, the heartbeat elsewhere. */
class KubeLeftoversTest {
  static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

  private static Map<String, String> owner(String host, long pid) {
    Map<String, String> labels = new HashMap<>(KubeLabels.of("fm-x", KubeLabels.ROLE_EXPERIMENT));
    labels.put(KubeLabels.OWNER_HOST, host);
    labels.put(KubeLabels.OWNER_PID, Long.toString(pid));
    return labels;
  }

  private static String here() {
    return KubeLabels.labelValue(KubeLabels.HostName.get());
  }

  @Test
  void onThisMachineThePidDecidesWhateverTheHeartbeatSays() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Optional<Instant> stale = Optional.of(NOW.minus(Duration.ofHours(1)));
    Optional<Instant> fresh = Optional.of(NOW);

    assertThat(KubeLeftovers.dead(owner(here(), gone.pid()), fresh, NOW)).isTrue();
    assertThat(KubeLeftovers.dead(owner(here(), ProcessHandle.current().pid()), stale, NOW)).isFalse();
    long alive = ProcessHandle.current().parent().orElseThrow().pid();
    assertThat(KubeLeftovers.dead(owner(here(), alive), stale, NOW)).isFalse();
  }

  @Test
  void fromAnotherMachineTheHeartbeatDecidesAndNoneMeansLeaveItAlone() {
    Map<String, String> elsewhere = owner("another-machine", 1);

    assertThat(KubeLeftovers.dead(elsewhere, Optional.of(NOW.minus(Duration.ofMinutes(11))), NOW)).isTrue();
    assertThat(KubeLeftovers.dead(elsewhere, Optional.of(NOW.minus(Duration.ofMinutes(9))), NOW)).isFalse();
    assertThat(KubeLeftovers.dead(elsewhere, Optional.empty(), NOW)).isFalse();
  }
}
