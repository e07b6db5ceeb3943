package faremark.orchestrator.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class CleanupTest {

  @Test
  void closesWhatIsStillRegisteredNewestFirstAndReportsFailures() {
    Cleanup cleanup = new Cleanup();
    List<String> closed = new CopyOnWriteArrayList<>();
    cleanup.register("server", () -> closed.add("server"));
    Cleanup.Registration done = cleanup.register("finished run", () -> closed.add("finished run"));
    cleanup.register("cgroup", () -> {
      closed.add("cgroup");
      throw new IllegalStateException("busy");
    });
    cleanup.register("process", () -> closed.add("process"));
    done.close(); // closed normally by its owner: forgotten, not closed again

    assertThat(cleanup.live()).containsExactly("server", "cgroup", "process");
    assertThat(cleanup.closeAll()).containsExactly("cgroup");
    assertThat(closed).containsExactly("process", "cgroup", "server");
    assertThat(cleanup.live()).isEmpty();
    assertThat(cleanup.closeAll()).isEmpty(); // each once
  }

  @Test
  void interruptFlagGivesExitCode130() {
    // Process-wide state: this test only checks the mapping before any Ctrl-C.
    assertThat(ShutdownGuard.interrupted()).isFalse();
    assertThat(ShutdownGuard.exitCode(1)).isEqualTo(1);
  }
}
