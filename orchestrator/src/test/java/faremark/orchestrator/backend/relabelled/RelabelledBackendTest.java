package faremark.orchestrator.backend.relabelled;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import faremark.contract.Json;
import faremark.orchestrator.experiment.ExperimentRunner;
import faremark.orchestrator.experiment.RunRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backend added by the documented recipe is found, chosen by its id, and runs an experiment. */
class RelabelledBackendTest {
  @TempDir Path tmp;

  @Test
  void aBackendRegisteredInTestSourcesRunsAnExperimentByItsId() throws Exception {
    Path scenario = tmp.resolve("tiny.yaml");
    Files.writeString(scenario, """
        name: relabelled
        job: {route: {from: PRG, to: BRQ}, startDate: 2018-06-01, days: 3}
        server: {serviceTime: 5ms, payload: 1KiB}
        client: {concurrency: 3}
        models: [sequential]
        repetitions: 1
        run: {timeout: 1m}
        """);
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
    int before = RelabelledBackendProvider.RUNS.get();

    int exit = new ExperimentRunner(out, out).execute(new RunRequest(scenario,
        RelabelledBackendProvider.ID, List.of(), Optional.empty(), tmp.resolve("results")));

    String printed = console.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(printed).isZero();
    assertThat(printed).contains("backend: " + RelabelledBackendProvider.ID);
    // the model's pre-flight and its one measured run, both through this backend
    assertThat(RelabelledBackendProvider.RUNS.get() - before).isEqualTo(2);
    try (Stream<Path> dirs = Files.list(tmp.resolve("results"))) {
      Path dir = dirs.findFirst().orElseThrow();
      JsonNode env = Json.mapper().readTree(dir.resolve("environment.json").toFile());
      assertThat(env.path("backend").asText()).isEqualTo(RelabelledBackendProvider.ID);
      assertThat(env.path(RelabelledBackendProvider.ID).path("delegate").asText()).isEqualTo("local");
      JsonNode summary = Json.mapper().readTree(dir.resolve("summary.json").toFile());
      assertThat(summary.path("okRuns").asInt()).isEqualTo(1);
    }
  }

  @Test
  void itsIdIsOfferedBesideTheShippedOnes() {
    assertThat(faremark.orchestrator.experiment.BackendChoice.isKnown(RelabelledBackendProvider.ID)).isTrue();
    assertThat(faremark.orchestrator.experiment.BackendChoice.choices())
        .isEqualTo("auto, docker, kubernetes, local or " + RelabelledBackendProvider.ID);
  }
}
