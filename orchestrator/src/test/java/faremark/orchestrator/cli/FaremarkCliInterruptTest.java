package faremark.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import faremark.orchestrator.backend.local.CgroupSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C on a real {@code faremark run}: the CLI exits 130 and leaves no workload process, no
 * cgroup and no listening fare server behind, and the runs it finished are still on disk.
 */
class FaremarkCliInterruptTest {
  @TempDir Path tmp;

  @Test
  void ctrlCStopsTheExperimentAndLeavesNothingBehind() throws Exception {
    InterruptibleCli run = InterruptibleCli.start(tmp, "local");
    Process cli = run.process;
    try {
      // wait until the sequential run (20 s of requests) is under way: its spec is written
      // just before its process starts (the console line ends only when the run does)
      await().atMost(Duration.ofSeconds(60)).until(() -> sequentialSpecWritten(tmp.resolve("results")));
      List<ProcessHandle> workloads = new ArrayList<>();
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        workloads.clear();
        cli.descendants().forEach(workloads::add);
        return workloads.stream().anyMatch(ProcessHandle::isAlive);
      });
      run.interrupt();

      assertThat(cli.waitFor(30, TimeUnit.SECONDS)).as(run.console()).isTrue();
      assertThat(cli.exitValue()).as(run.console()).isEqualTo(130);
      for (ProcessHandle p : workloads) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !p.isAlive());
      }
      assertThat(leftoverCgroups(cli.pid())).isEmpty();
      InterruptibleCli.assertFinishedRunKept(tmp);
    } finally {
      cli.destroyForcibly();
    }
  }

  private static boolean sequentialSpecWritten(Path results) throws IOException {
    if (!Files.isDirectory(results)) {
      return false;
    }
    try (Stream<Path> dirs = Files.list(results)) {
      return dirs.anyMatch(d -> Files.exists(d.resolve("runs/002-sequential-r1/spec.json")));
    }
  }

  private static List<Path> leftoverCgroups(long orchestratorPid) throws IOException {
    List<Path> left = new ArrayList<>();
    for (Path parent : CgroupSupport.detect().runParents()) {
      if (Files.isDirectory(parent)) {
        try (Stream<Path> dirs = Files.list(parent)) {
          dirs.filter(d -> d.getFileName().toString().startsWith(orchestratorPid + "-"))
              .forEach(left::add);
        }
      }
    }
    return left;
  }
}
