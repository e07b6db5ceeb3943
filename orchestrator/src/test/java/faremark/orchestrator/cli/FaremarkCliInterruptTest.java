package faremark.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import faremark.orchestrator.backend.local.CgroupSupport;
import faremark.orchestrator.lifecycle.DefaultSigint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
    Path scenario = tmp.resolve("long.yaml");
    Files.writeString(scenario,
        """
        name: long
        job: {days: 200}
        server: {serviceTime: 100ms}
        models: [virtual-threads, sequential]
        repetitions: 1
        """);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process cli =
        new ProcessBuilder(DefaultSigint.command(List.of(java, "-cp",
                System.getProperty("java.class.path"), FaremarkCli.class.getName(), "run",
                scenario.toString(), "--backend", "local", "--out",
                tmp.resolve("results").toString())))
            .redirectErrorStream(true)
            .start();
    List<String> output = new CopyOnWriteArrayList<>();
    Thread reader = Thread.ofPlatform().daemon().start(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(cli.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          output.add(line);
        }
      } catch (IOException e) {
        // the process ended
      }
    });
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
      new ProcessBuilder("kill", "-INT", Long.toString(cli.pid())).start().waitFor();

      assertThat(cli.waitFor(30, TimeUnit.SECONDS)).as(String.join("\n", output)).isTrue();
      reader.join(5_000);
      assertThat(cli.exitValue()).as(String.join("\n", output)).isEqualTo(130);
      for (ProcessHandle p : workloads) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !p.isAlive());
      }
      assertThat(leftoverCgroups(cli.pid())).isEmpty();
      // the finished run is kept; the interrupted one is recorded as such
      Path results;
      try (Stream<Path> dirs = Files.list(tmp.resolve("results"))) {
        results = dirs.findFirst().orElseThrow();
      }
      assertThat(results.resolve("runs/001-virtual-threads-r1/run.json")).isNotEmptyFile();
      assertThat(Files.readString(results.resolve("summary.json"))).contains("\"interrupted\" : true");
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
