package faremark.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import faremark.orchestrator.backend.docker.DockerEngine;
import faremark.orchestrator.backend.docker.DockerTestSupport;
import faremark.orchestrator.backend.docker.Labels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C on a real {@code faremark run --backend docker} while a workload container runs: the
 * CLI exits 130, no container or network of that process is left on the engine, and the run it
 * finished is on disk.
 */
class DockerCliInterruptIT {
  @TempDir Path tmp;

  @BeforeEach
  void needsDocker() {
    DockerTestSupport.assumeDocker();
  }

  @Test
  void ctrlCMidRunLeavesNoContainerOrNetworkBehind() throws Exception {
    InterruptibleCli run = InterruptibleCli.start(tmp, "docker");
    Process cli = run.process;
    try (DockerEngine engine = DockerTestSupport.engine()) {
      DockerClient docker = engine.client();
      // the sequential run (20 s of requests) has its container running
      await().atMost(Duration.ofMinutes(3)).until(() -> sequentialRunning(docker, cli.pid()));
      run.interrupt();

      assertThat(cli.waitFor(60, TimeUnit.SECONDS)).as(run.console()).isTrue();
      assertThat(cli.exitValue()).as(run.console()).isEqualTo(130);
      assertThat(DockerTestSupport.ownedBy(docker, cli.pid())).as(run.console()).isEmpty();
      InterruptibleCli.assertFinishedRunKept(tmp);
    } finally {
      cli.destroyForcibly();
    }
  }

  private static boolean sequentialRunning(DockerClient docker, long pid) {
    return docker.listContainersCmd()
        .withLabelFilter(List.of(Labels.OWNER_PID + "=" + pid, Labels.ROLE + "=run"))
        .exec().stream()
        .anyMatch(c -> c.getNames()[0].contains("-sequential-") && "running".equals(c.getState()));
  }
}
