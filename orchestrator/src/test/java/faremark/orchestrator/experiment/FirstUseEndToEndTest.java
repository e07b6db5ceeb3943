package faremark.orchestrator.experiment;

import static faremark.orchestrator.experiment.InProcessExperiment.onlyResultsDir;
import static faremark.orchestrator.experiment.InProcessExperiment.request;
import static faremark.orchestrator.experiment.InProcessExperiment.runner;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import faremark.contract.Json;
import faremark.orchestrator.results.ResultsLayout;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * run.warmup and run.firstUse for real, on the local backend: warm-up passes in the workloads,
 * reference runs in their own folder and in no measured figure, the first-use section, the CPU
 * by phase and the warmed stage.
 */
class FirstUseEndToEndTest {
  @TempDir Path tmp;

  private static JsonNode json(Path file) throws Exception {
    return Json.mapper().readTree(file.toFile());
  }

  private static List<Path> folders(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  @Test
  void referenceRunsAreRecordedApartAndSetAgainstTheMeasuredOnes() throws Exception {
    Path scenario = tmp.resolve("fu.yaml");
    Files.writeString(scenario, """
        name: fu
        job: {days: 6}
        server: {serviceTime: 20ms, payload: 4KiB}
        client: {concurrency: 6}
        models: [async]
        repetitions: 1
        run: {timeout: 2m, firstUse: {runs: 2}}
        """);
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    int exit = runner(console).execute(request(scenario, tmp));
    String printed = console.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(printed).isZero();
    Path dir = onlyResultsDir(tmp);

    assertThat(folders(dir.resolve(ResultsLayout.RUNS))).extracting(p -> p.getFileName().toString())
        .containsExactly("001-async-r1");
    List<Path> references = folders(dir.resolve(ResultsLayout.FIRST_USE));
    assertThat(references).extracting(p -> p.getFileName().toString())
        .containsExactly("002-async-w1", "003-async-w2");
    for (Path ref : references) {
      assertThat(json(ref.resolve(ResultsLayout.SPEC)).path("warmup").asInt()).isEqualTo(1);
      JsonNode run = json(ref.resolve(ResultsLayout.RUN_RECORD));
      assertThat(run.path("outcome").asText()).isEqualTo("ok");
      assertThat(run.path("warmup").asInt()).isEqualTo(1);
      JsonNode passes = run.path("result").path("details").path("warmup");
      assertThat(passes).hasSize(1);
      assertThat(passes.get(0).path("ok").asInt()).isEqualTo(6);
      // the server saw the pass and the run: 12 requests, none of them a re-send
      assertThat(run.path("server").path("requests").asInt()).isEqualTo(12);
    }
    JsonNode measured = json(dir.resolve(ResultsLayout.RUNS).resolve("001-async-r1").resolve(ResultsLayout.RUN_RECORD));
    assertThat(measured.has("warmup")).isFalse();
    assertThat(json(dir.resolve(ResultsLayout.RUNS).resolve("001-async-r1").resolve(ResultsLayout.SPEC)).has("warmup")).isFalse();

    JsonNode summary = json(dir.resolve(ResultsLayout.SUMMARY_JSON));
    assertThat(summary.path("runs").asInt()).as("reference runs are not runs of the experiment").isEqualTo(1);
    JsonNode firstUse = summary.path("firstUse").path("models").get(0);
    assertThat(firstUse.path("model").asText()).isEqualTo("async");
    assertThat(firstUse.path("coldMs").path("n").asInt()).isEqualTo(1);
    assertThat(firstUse.path("warmMs").path("n").asInt()).isEqualTo(2);
    assertThat(firstUse.has("firstUseMs")).isTrue();
    assertThat(printed).contains("async warm #1", "request phase: cold (the measured runs), warm (2 reference runs");
    assertThat(Files.readString(dir.resolve(ResultsLayout.REPORT_HTML))).contains("id=\"first-use\"");
    assertThat(Files.readString(dir.resolve(ResultsLayout.SUMMARY_CSV))).contains("first_use_ms");

    JsonNode stage = json(dir.resolve(ResultsLayout.STAGE_WARMUP));
    assertThat(stage.path("requests").asInt()).isPositive();
    assertThat(stage.path("ok").asInt()).isEqualTo(stage.path("requests").asInt());
    assertThat(stage.path("connectionsClosed").asBoolean()).isTrue();
    assertThat(printed).contains("warmed the fare server and proxy:");
  }

  @Test
  void warmupPassesHappenInEveryRunAndTheReportSaysSo() throws Exception {
    Path scenario = tmp.resolve("wu.yaml");
    Files.writeString(scenario, """
        name: wu
        job: {days: 4}
        server: {serviceTime: 20ms, payload: 4KiB}
        client: {concurrency: 4, processes: 2}
        models: [thread-pool, multi-process]
        repetitions: 1
        run: {timeout: 2m, warmup: 2}
        """);
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    int exit = runner(console).execute(request(scenario, tmp));
    String printed = console.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(printed).isZero();
    Path dir = onlyResultsDir(tmp);
    for (Path run : folders(dir.resolve(ResultsLayout.RUNS))) {
      JsonNode record = json(run.resolve(ResultsLayout.RUN_RECORD));
      assertThat(record.path("warmup").asInt()).isEqualTo(2);
      JsonNode passes = record.path("result").path("details").path("warmup");
      assertThat(passes).as(run.toString()).hasSize(2);
      for (JsonNode pass : passes) {
        assertThat(pass.path("requested").asInt()).isEqualTo(4);
        assertThat(pass.path("ok").asInt()).isEqualTo(4);
      }
      assertThat(record.path("result").path("ok").asInt()).isEqualTo(4);
      assertThat(record.path("server").path("requests").asInt()).isEqualTo(12);
      JsonNode cpu = record.path("cpu");
      if (!record.path("memory").path("source").asText().equals("proc-rss")) {
        assertThat(cpu.path("beforeReadyMs").asLong()).as(record.toString()).isPositive();
        assertThat(cpu.has("requestPhaseMs")).isTrue();
      }
    }
    assertThat(json(dir.resolve(ResultsLayout.SUMMARY_JSON)).path("warmup").asInt()).isEqualTo(2);
    assertThat(printed).contains("warm-up: 2 passes of the job before ready in every run", "after warm-up");
    assertThat(Files.readString(dir.resolve(ResultsLayout.REPORT_HTML)))
        .contains("Warm-up on", "baselines include what the warm-up left behind");
    assertThat(Files.readString(dir.resolve(ResultsLayout.SCENARIO))).contains("warmup: 2");
  }
}
