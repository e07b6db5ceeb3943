package faremark.orchestrator.cli;

import faremark.orchestrator.lifecycle.DefaultSigint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Ctrl-C tests' {@code faremark run} of a long scenario (200 days at 100 ms: virtual-threads,
 * then sequential) as a separate JVM that takes SIGINT, with its console collected as it comes.
 */
final class InterruptibleCli {
  final Process process;
  final List<String> output = new CopyOnWriteArrayList<>();
  private final Thread reader;

  private InterruptibleCli(Process process) {
    this.process = process;
    this.reader = Thread.ofPlatform().daemon().start(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          output.add(line);
        }
      } catch (IOException e) {
        // the process ended
      }
    });
  }

  /** Starts the run on {@code backend}, its results under {@code tmp}/results. */
  static InterruptibleCli start(Path tmp, String backend) throws IOException {
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
    return new InterruptibleCli(
        new ProcessBuilder(DefaultSigint.command(List.of(java, "-cp",
                System.getProperty("java.class.path"), FaremarkCli.class.getName(), "run",
                scenario.toString(), "--backend", backend, "--out", tmp.resolve("results").toString())))
            .redirectErrorStream(true)
            .start());
  }

  /** Sends Ctrl-C's signal. */
  void interrupt() throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
  }

  /** The finished run is kept; the interrupted one is recorded as such. */
  static void assertFinishedRunKept(Path tmp) throws IOException {
    Path results;
    try (java.util.stream.Stream<Path> dirs = Files.list(tmp.resolve("results"))) {
      results = dirs.findFirst().orElseThrow();
    }
    org.assertj.core.api.Assertions.assertThat(results.resolve("runs/001-virtual-threads-r1/run.json"))
        .isNotEmptyFile();
    org.assertj.core.api.Assertions.assertThat(Files.readString(results.resolve("summary.json")))
        .contains("\"interrupted\" : true");
  }

  /** Everything it printed, after waiting briefly for the last lines. */
  String console() throws InterruptedException {
    reader.join(5_000);
    return String.join("\n", output);
  }
}
