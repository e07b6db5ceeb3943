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
    // Process-wide state: set here only through the handler's own path, and forgotten after.
    assertThat(ShutdownGuard.interrupted()).isFalse();
    assertThat(ShutdownGuard.exitCode(1)).isEqualTo(1);
    Thread runner = new Thread(() -> {}); // never started: only its interrupt flag is touched
    try {
      ShutdownGuard.onInterrupt(runner);
      assertThat(ShutdownGuard.interrupted()).isTrue();
      assertThat(runner.isInterrupted()).as("the experiment's thread is told").isTrue();
      assertThat(ShutdownGuard.exitCode(1)).isEqualTo(130);
      assertThat(ShutdownGuard.exitCode(0)).isEqualTo(130);
      assertThat(ShutdownGuard.stopSignal().said()).isEqualTo("Ctrl-C");
    } finally {
      ShutdownGuard.forgetForTests();
    }
  }

  @Test
  void sigtermGivesExitCode143() {
    assertThat(ShutdownGuard.interrupted()).isFalse();
    try {
      ShutdownGuard.onStop(ShutdownGuard.Stop.TERM, new Thread(() -> {}));
      assertThat(ShutdownGuard.exitCode(1)).isEqualTo(143);
      assertThat(ShutdownGuard.stopSignal().said()).isEqualTo("SIGTERM");
    } finally {
      ShutdownGuard.forgetForTests();
    }
    assertThat(ShutdownGuard.exitCode(1)).isEqualTo(1);
  }
}
