package faremark.orchestrator.experiment;

import static faremark.orchestrator.experiment.InProcessExperiment.request;
import static faremark.orchestrator.experiment.InProcessExperiment.runner;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import faremark.contract.Json;
import faremark.orchestrator.python.PythonPlan;
import faremark.orchestrator.scenario.ScenarioLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The five Python models through the real runner, as {@code faremark run} does it: extracted
 * sources, python3 in its own cgroup (or the /proc fallback), the same event parser, Verifier and
 * results as the Java models. Skipped, saying which module is missing, where Python or its
 * libraries are not installed.
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
    if (!skipped.isEmpty()) {
      System.err.println("PythonExperimentEndToEndTest skipped: " + skipped);
    }
    Assumptions.assumeTrue(skipped.isEmpty(), () -> "Python models unavailable here: " + skipped);

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
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count())
        .as("no workload process (nor a multiprocessing worker) outlives the experiment").isZero();
  }

  @Test
  void pythonModelsRecordWhyTheyAreSkippedAndTheRestStillRuns() throws IOException {
    // Only checkable where a Python model really is unavailable; elsewhere the plan is empty.
    Path scenario = tmp.resolve("mixed.yaml");
    Files.writeString(scenario, "name: mixed\njob: {days: 2}\nserver: {serviceTime: 1ms}\n"
        + "models: [py-asyncio, sequential]\nrepetitions: 1\n");
    Map<String, String> skipped;
    try {
      skipped = PythonPlan.check(ScenarioLoader.load(scenario)).skipped();
    } catch (faremark.orchestrator.scenario.ScenarioException e) {
      throw new AssertionError(e);
    }
    Assumptions.assumeFalse(skipped.isEmpty(), "py-asyncio can run here: nothing is skipped");
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    int exit = runner(console).execute(request(scenario, tmp));
    assertThat(exit).isZero();
    assertThat(console.toString(StandardCharsets.UTF_8)).contains("skipped py-asyncio: ");
  }
}
