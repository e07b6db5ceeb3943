package faremark.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import faremark.orchestrator.backend.docker.DockerEngine;
import faremark.orchestrator.backend.docker.DockerTestSupport;
import faremark.orchestrator.backend.docker.Labels;
import faremark.orchestrator.lifecycle.DefaultSigint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
    Path scenario = tmp.resolve("long.yaml");
    Files.writeString(scenario, """
        name: long
        job: {days: 200}
        server: {serviceTime: 100ms}
        models: [virtual-threads, sequential]
        repetitions: 1
        """);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process cli = new ProcessBuilder(DefaultSigint.command(List.of(java, "-cp",
            System.getProperty("java.class.path"), FaremarkCli.class.getName(), "run",
            scenario.toString(), "--backend", "docker", "--out", tmp.resolve("results").toString())))
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
    try (DockerEngine engine = DockerTestSupport.engine()) {
      DockerClient docker = engine.client();
      // the sequential run (20 s of requests) has its container running
      await().atMost(Duration.ofMinutes(3)).until(() -> sequentialRunning(docker, cli.pid()));
      new ProcessBuilder("kill", "-INT", Long.toString(cli.pid())).start().waitFor();

      assertThat(cli.waitFor(60, TimeUnit.SECONDS)).as(String.join("\n", output)).isTrue();
      reader.join(5_000);
      assertThat(cli.exitValue()).as(String.join("\n", output)).isEqualTo(130);
      assertThat(DockerTestSupport.ownedBy(docker, cli.pid())).as(String.join("\n", output)).isEmpty();
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

  private static boolean sequentialRunning(DockerClient docker, long pid) {
    return docker.listContainersCmd()
        .withLabelFilter(List.of(Labels.OWNER_PID + "=" + pid, Labels.ROLE + "=run"))
        .exec().stream()
        .anyMatch(c -> c.getNames()[0].contains("-sequential-") && "running".equals(c.getState()));
  }
}
