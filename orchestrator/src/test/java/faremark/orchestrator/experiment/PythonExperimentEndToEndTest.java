package faremark.orchestrator.experiment;

import static faremark.orchestrator.experiment.InProcessExperiment.request;
import static faremark.orchestrator.experiment.InProcessExperiment.runner;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import faremark.contract.Json;
import faremark.orchestrator.Requirement;
import faremark.orchestrator.python.PythonPlan;
import faremark.orchestrator.scenario.ScenarioLoader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The five Python models through the real runner, as {@code faremark run} does it: extracted
 * sources, python3 in its own cgroup (or the /proc fallback), the same event parser, Verifier and
 * results as the Java models. Skipped, saying which module is missing, where Python or its
 * libraries are not installed (failed where FAREMARK_REQUIRE names python). What a missing
 * library does to a run is PythonSkipCliTest's, which makes the missing library real on any
 * machine.
 */
class PythonExperimentEndToEndTest {
  @TempDir Path tmp;

  private static final String SCENARIO =
      """
      name: py-e2e
      job: {route: {from: PRG, to: BRQ}, startDate: 2018-06-01, days: 12}
      server: {serviceTime: 20ms, payload: 4KiB}
      client: {concurrency: 12, processes: 2}
      python: {aiohttpLimitPerHost: 6, geventPoolSize: 4}
      models: [py-sequential, py-threads, py-gevent, py-asyncio, py-multiprocessing]
      repetitions: 1
      run: {timeout: 2m}
      """;

  @Test
  void everyPythonModelGivesVerifiedResultsWithMemorySeries() throws Exception {
    Path scenario = tmp.resolve("py-e2e.yaml");
    Files.writeString(scenario, SCENARIO);
    Map<String, String> skipped = PythonPlan.check(ScenarioLoader.load(scenario)).skipped();
    Requirement.PYTHON.require(skipped.isEmpty(), "PythonExperimentEndToEndTest",
        () -> "Python models unavailable here: " + skipped);

    ByteArrayOutputStream console = new ByteArrayOutputStream();
    int exit = runner(console).execute(request(scenario, tmp));
    String printed = console.toString(StandardCharsets.UTF_8);

    assertThat(exit).as(printed).isZero();
    assertThat(printed).contains("python: ");
    Path dir;
    try (Stream<Path> dirs = Files.list(tmp.resolve("results"))) {
      dir = dirs.findFirst().orElseThrow();
    }
    assertThat(dir.resolve("python/run_model.py")).isRegularFile();
    JsonNode python = Json.mapper().readTree(dir.resolve("python.json").toFile());
    assertThat(python.path("skipped").size()).isZero();
    assertThat(python.path("interpreters").path("cpython").path("runtime").asText()).startsWith("CPython");

    JsonNode summary = Json.mapper().readTree(dir.resolve("summary.json").toFile());
    assertThat(summary.path("okRuns").asInt()).isEqualTo(5);
    try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
      for (Path run : runs.sorted().toList()) {
        JsonNode record = Json.mapper().readTree(run.resolve("run.json").toFile());
        String what = run.getFileName() + ": " + record.path("reason").asText();
        assertThat(record.path("outcome").asText()).as(what).isEqualTo("ok");
        assertThat(record.path("verification").path("status").asText()).as(what).isEqualTo("verified");
        assertThat(record.path("verification").path("matchingDays").asInt()).as(what).isEqualTo(12);
        JsonNode memory = record.path("memory");
        assertThat(memory.path("baselineBytes").asLong()).as(what).isPositive();
        assertThat(memory.path("peakBytes").asLong()).as(what)
            .isGreaterThanOrEqualTo(memory.path("baselineBytes").asLong());
        assertThat(Files.readAllLines(run.resolve("samples.csv"))).as(what).hasSizeGreaterThan(3);
        assertThat(record.path("command").toString()).as(what).contains("run_model.py");
        LatencyChecks.assertKept(run, record, 12);
        JsonNode spec = Json.mapper().readTree(run.resolve("spec.json").toFile());
        assertThat(spec.path("options").path("aiohttpLimitPerHost").asInt()).isEqualTo(6);
        JsonNode details = record.path("result").path("details");
        assertThat(details.path("retries").asInt()).as(what).isZero();
        switch (record.path("model").asText()) {
          case "py-gevent" -> assertThat(details.path("geventPoolSize").asInt()).isEqualTo(4);
          case "py-asyncio" -> assertThat(details.path("aiohttpLimitPerHost").asInt()).isEqualTo(6);
          case "py-multiprocessing" -> assertThat(details.path("processes").asInt()).isEqualTo(2);
          case "py-sequential" -> assertThat(details.path("peakInFlight").asInt()).isEqualTo(1);
          default -> assertThat(details.path("client").asText()).startsWith("requests");
        }
      }
    }
    LatencyChecks.assertMerged(summary, 12);
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count())
        .as("no workload process (nor a multiprocessing worker) outlives the experiment").isZero();
  }
}
