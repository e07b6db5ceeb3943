package faremark.orchestrator.experiment;

import static faremark.orchestrator.experiment.InProcessExperiment.onlyResultsDir;
import static faremark.orchestrator.experiment.InProcessExperiment.request;
import static faremark.orchestrator.experiment.InProcessExperiment.runner;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import faremark.contract.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java recipe of docs/extending.md, end to end: {@code batches} is declared only in this
 * module's test sources (its class, faremark.orchestrator.model.BatchesModel, and one line in
 * src/test/resources/META-INF/services/faremark.workload.JavaModel). A scenario names it, the
 * local backend launches it in a workload JVM of its own and verifies its answer, and the
 * results carry its estimate and a colour — with no other file of the project touched.
 */
class AddedModelEndToEndTest {
  @TempDir Path tmp;

  @Test
  void aModelDeclaredInTestSourcesRunsAndIsVerified() throws Exception {
    Path scenario = tmp.resolve("added.yaml");
    Files.writeString(scenario, """
        name: added-model
        job: {route: {from: PRG, to: BRQ}, startDate: 2018-06-01, days: 12}
        server: {serviceTime: 20ms, payload: 4KiB}
        client: {concurrency: 4}
        models: [batches, sequential]
        repetitions: 1
        run: {timeout: 2m}
        """);
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    int exit = runner(console).execute(request(scenario, tmp));
    String printed = console.toString(StandardCharsets.UTF_8);

    assertThat(exit).as(printed).isZero();
    Path dir = onlyResultsDir(tmp);
    JsonNode run = Json.mapper().readTree(dir.resolve("runs/001-batches-r1/run.json").toFile());
    assertThat(run.path("outcome").asText()).as(run.path("reason").asText()).isEqualTo("ok");
    assertThat(run.path("verification").path("status").asText()).isEqualTo("verified");
    assertThat(run.path("result").path("model").asText()).isEqualTo("batches");
    assertThat(run.path("result").path("ok").asInt()).isEqualTo(12);
    // 12 days in batches of 4: three waves, as the declared parallelism (client-pool) estimates
    assertThat(run.path("result").path("details").path("batches").asInt()).isEqualTo(3);
    assertThat(run.path("command").toString()).as("launched through WorkloadMain")
        .contains("faremark.workload.WorkloadMain");

    JsonNode summary = Json.mapper().readTree(dir.resolve("summary.json").toFile());
    JsonNode batches = summary.path("models").get(0);
    assertThat(batches.path("model").asText()).isEqualTo("batches");
    assertThat(batches.path("allVerified").asBoolean()).isTrue();
    assertThat(batches.path("idealRequestPhaseMs").asDouble()).isEqualTo(60.0);
    assertThat(Files.readString(dir.resolve("report.html"))).contains("batches");
  }
}
