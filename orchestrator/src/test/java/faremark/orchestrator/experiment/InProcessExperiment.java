package faremark.orchestrator.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** End-to-end tests' way to run an experiment in this JVM, results under a temporary folder. */
final class InProcessExperiment {
  private InProcessExperiment() {}

  /** A local-backend run of {@code scenario}, its results under {@code tmp}/results. */
  static RunRequest request(Path scenario, Path tmp) {
    return new RunRequest(scenario, "local", List.of(), Optional.empty(), tmp.resolve("results"));
  }

  /** A runner printing both streams into {@code console}. */
  static ExperimentRunner runner(ByteArrayOutputStream console) {
    PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
    return new ExperimentRunner(out, out);
  }

  /** The one results folder the experiment made under {@code tmp}/results. */
  static Path onlyResultsDir(Path tmp) throws IOException {
    try (Stream<Path> dirs = Files.list(tmp.resolve("results"))) {
      List<Path> all = dirs.toList();
      assertThat(all).hasSize(1);
      return all.get(0);
    }
  }
}
