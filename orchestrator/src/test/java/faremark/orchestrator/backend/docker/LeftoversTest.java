package faremark.orchestrator.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Leftovers#orphaned}: only this host's, and only when the owner process is gone. */
class LeftoversTest {

  private static Map<String, String> labels(String host, String pid) {
    Map<String, String> labels = new HashMap<>(Labels.of("e", "run"));
    labels.put(Labels.OWNER_HOST, host);
    labels.put(Labels.OWNER_PID, pid);
    return labels;
  }

  @Test
  void aDeadOwnerOnThisHostMakesAnOrphan() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    assertThat(Leftovers.orphaned(labels(Host.name(), Long.toString(p.pid())))).isTrue();
  }

  @Test
  void aLiveOwnerOrThisProcessIsNot() {
    assertThat(Leftovers.orphaned(labels(Host.name(), Long.toString(ProcessHandle.current().pid()))))
        .isFalse();
    long parent = ProcessHandle.current().parent().orElseThrow().pid();
    assertThat(Leftovers.orphaned(labels(Host.name(), Long.toString(parent)))).isFalse();
  }

  @Test
  void anotherHostsOrAMalformedLabelIsLeftAlone() {
    assertThat(Leftovers.orphaned(labels("some-other-host", "1"))).isFalse();
    assertThat(Leftovers.orphaned(labels(Host.name(), "x"))).isFalse();
    assertThat(Leftovers.orphaned(null)).isFalse();
  }
}
