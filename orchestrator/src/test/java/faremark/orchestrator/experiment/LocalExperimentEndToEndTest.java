package faremark.orchestrator.experiment;

import static faremark.orchestrator.experiment.InProcessExperiment.onlyResultsDir;
import static faremark.orchestrator.experiment.InProcessExperiment.request;
import static faremark.orchestrator.experiment.InProcessExperiment.runner;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import faremark.contract.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole local chain for real: fare server, Java workloads as separate JVMs in their own
 * cgroups (or the /proc fallback where none can be made), sampling, verification and the
 * results folder. Small job so it stays quick; the figures are checked for sanity, not speed.
 */
class LocalExperimentEndToEndTest {
  @TempDir Path tmp;

  private static final String SCENARIO =
      """
      name: e2e
      description: end-to-end test
      job: {route: {from: PRG, to: BRQ}, startDate: 2018-06-01, days: 12}
      server: {serviceTime: 20ms, payload: 4KiB}
      client: {concurrency: 12, processes: 2}
      models: [sequential, virtual-threads, async, thread-pool, multi-process]
      repetitions: 1
      run: {timeout: 2m}
      """;

  @Test
  void everyJavaModelGivesVerifiedResultsWithMemorySeries() throws Exception {
    Path scenario = tmp.resolve("e2e.yaml");
    Files.writeString(scenario, SCENARIO);
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    int exit = runner(console).execute(request(scenario, tmp));
    String printed = console.toString(StandardCharsets.UTF_8);

    assertThat(exit).as(printed).isZero();
    Path dir = onlyResultsDir(tmp);
    for (String file : List.of("scenario.resolved.yaml", "environment.json", "expected.json",
        "summary.json", "summary.csv")) {
      assertThat(dir.resolve(file)).as(file).isNotEmptyFile();
    }
    assertThat(printed).contains("results: " + dir.toAbsolutePath());
    assertThat(printed).contains("report: " + dir.resolve("report.html").toAbsolutePath().toUri());
    for (String file : List.of("report.html", "report-data.json", "memory.png", "peak.png")) {
      assertThat(dir.resolve(file)).as(file).isNotEmptyFile();
    }
    // `faremark report` on the raw data gives back exactly what the live run wrote
    List<String> derived = List.of("summary.json", "summary.csv", "report-data.json", "report.html");
    List<String> live = new java.util.ArrayList<>();
    for (String f : derived) {
      live.add(Files.readString(dir.resolve(f)));
      Files.delete(dir.resolve(f));
    }
    faremark.orchestrator.report.ReportWriter.write(dir, new PrintStream(new ByteArrayOutputStream()));
    for (int i = 0; i < derived.size(); i++) {
      assertThat(Files.readString(dir.resolve(derived.get(i)))).as(derived.get(i)).isEqualTo(live.get(i));
    }

    JsonNode summary = Json.mapper().readTree(dir.resolve("summary.json").toFile());
    assertThat(summary.path("runs").asInt()).isEqualTo(5);
    assertThat(summary.path("okRuns").asInt()).isEqualTo(5);
    for (JsonNode model : summary.path("models")) {
      assertThat(model.path("allVerified").asBoolean()).as(model.toString()).isTrue();
    }

    try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
      List<Path> runDirs = runs.sorted().toList();
      assertThat(runDirs).hasSize(5);
      for (Path run : runDirs) {
        JsonNode record = Json.mapper().readTree(run.resolve("run.json").toFile());
        String what = run.getFileName() + ": " + record.path("reason").asText();
        assertThat(record.path("outcome").asText()).as(what).isEqualTo("ok");
        assertThat(record.path("verification").path("status").asText()).isEqualTo("verified");
        JsonNode memory = record.path("memory");
        long baseline = memory.path("baselineBytes").asLong();
        long peak = memory.path("peakBytes").asLong();
        assertThat(baseline).as(what + " baseline").isPositive();
        assertThat(peak).as(what + " peak").isGreaterThanOrEqualTo(baseline);
        assertThat(memory.path("samples").asInt()).as(what + " samples").isGreaterThan(5);
        assertThat(record.path("readyAtMs").asDouble())
            .isLessThan(record.path("doneAtMs").asDouble());
        List<String> samples = Files.readAllLines(run.resolve("samples.csv"));
        assertThat(samples.get(0)).isEqualTo("t_ms,current_bytes,anon_bytes,file_bytes");
        assertThat(samples).hasSizeGreaterThan(5);
        assertThat(Files.readAllLines(run.resolve("events.jsonl"))).hasSize(2);
        LatencyChecks.assertKept(run, record, 12);
      }
    }
    LatencyChecks.assertMerged(summary, 12);
    // multi-process's worker JVMs ran inside its cgroup/tree: they are up before its ready, so
    // its baseline is the parent's and two workers', against sequential's one JVM
    JsonNode mp = Json.mapper().readTree(dir.resolve("runs/005-multi-process-r1/run.json").toFile());
    assertThat(mp.path("result").path("details").path("processes").asInt()).isEqualTo(2);
    JsonNode seq = Json.mapper().readTree(dir.resolve("runs/001-sequential-r1/run.json").toFile());
    long oneJvm = seq.path("memory").path("baselineBytes").asLong();
    long threeJvms = mp.path("memory").path("baselineBytes").asLong();
    System.out.printf("baseline: sequential %.1f MiB, multi-process (parent + 2 workers) %.1f MiB%n",
        oneJvm / 1048576.0, threeJvms / 1048576.0);
    // measured 69 vs 195 MiB (2.8x): at least twice one JVM, so workers outside its cgroup (or
    // tree) would show as a baseline of one JVM and fail
    assertThat(threeJvms).as("multi-process baseline vs one JVM's").isGreaterThan(2 * oneJvm);
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count())
        .as("no workload process outlives the experiment").isZero();
  }

  @Test
  void aCrashingOrLyingExternalModelIsReportedAndNotAveragedIn() throws IOException {
    Path scenario = tmp.resolve("bad.yaml");
    Files.writeString(scenario,
        """
        name: bad-models
        job: {days: 3}
        server: {serviceTime: 1ms}
        models: [crasher, liar, sequential]
        repetitions: 1
        run: {preflight: false}
        external:
          crasher:
            command: ["sh", "-c", "echo boom >&2; exit 3", "{spec}"]
          liar:
            command: ["sh", "-c", "echo '{\\"event\\":\\"ready\\",\\"model\\":\\"liar\\",\\"pid\\":1,\\"runtime\\":\\"sh\\",\\"at\\":\\"2018-06-01T00:00:00Z\\"}'; echo '{\\"event\\":\\"done\\",\\"at\\":\\"2018-06-01T00:00:01Z\\",\\"result\\":{\\"model\\":\\"liar\\",\\"requested\\":3,\\"ok\\":3,\\"failed\\":{},\\"startedAt\\":\\"2018-06-01T00:00:00Z\\",\\"endedAt\\":\\"2018-06-01T00:00:01Z\\",\\"requestPhaseUs\\":1000,\\"latency\\":null,\\"aggregate\\":[],\\"details\\":{}}}'", "{spec}"]
        """);
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    int exit = runner(console).execute(request(scenario, tmp));

    assertThat(exit).as(console.toString(StandardCharsets.UTF_8)).isEqualTo(1);
    Path dir = onlyResultsDir(tmp);
    JsonNode crasher = Json.mapper().readTree(dir.resolve("runs/001-crasher-r1/run.json").toFile());
    assertThat(crasher.path("outcome").asText()).isEqualTo("crashed");
    assertThat(crasher.path("exitCode").asInt()).isEqualTo(3);
    assertThat(Files.readString(dir.resolve("runs/001-crasher-r1/stderr.log"))).contains("boom");
    JsonNode liar = Json.mapper().readTree(dir.resolve("runs/002-liar-r1/run.json").toFile());
    assertThat(liar.path("outcome").asText()).isEqualTo("unverified");
    assertThat(liar.path("verification").path("missing")).hasSize(3);
    // an external model that sends no latency distribution: no file, and the record says so
    assertThat(Files.exists(dir.resolve("runs/002-liar-r1/latency.hlog"))).isFalse();
    assertThat(liar.path("latencyLog").path("none").asText()).contains("no latencyDistribution");

    JsonNode summary = Json.mapper().readTree(dir.resolve("summary.json").toFile());
    assertThat(summary.path("okRuns").asInt()).isEqualTo(1);
    JsonNode liarSummary = summary.path("models").get(1);
    assertThat(liarSummary.path("ok").asInt()).isZero();
    assertThat(liarSummary.path("peakBytes").isNull()).as("failed runs are never averaged in").isTrue();
    assertThat(summary.path("models").get(2).path("allVerified").asBoolean()).isTrue();
  }

  @Test
  void aModelThatFailsItsPreflightIsReportedOnceWithItsReasonAndNotRun() throws Exception {
    Path scenario = tmp.resolve("preflight.yaml");
    Files.writeString(scenario,
        """
        name: preflight
        job: {days: 5}
        server: {serviceTime: 1ms}
        models: [crasher, sequential]
        repetitions: 2
        external:
          crasher:
            command: ["sh", "-c", "echo boom >&2; exit 3", "{spec}"]
        """);
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    int exit = runner(console).execute(request(scenario, tmp));
    String text = console.toString(StandardCharsets.UTF_8);

    assertThat(exit).as(text).isEqualTo(1);
    assertThat(text).contains("pre-flight sequential: ok (3 days",
        "pre-flight crasher: crashed: exited with 3 without a done event");
    Path dir = onlyResultsDir(tmp);
    // recorded with the same raw files as a run, never among the runs
    assertThat(Files.readString(dir.resolve("preflight/crasher/stderr.log"))).contains("boom");
    JsonNode spec = Json.mapper().readTree(dir.resolve("preflight/sequential/spec.json").toFile());
    assertThat(spec.path("days").asInt()).isEqualTo(3);
    assertThat(dir.resolve("preflight/sequential/run.json")).exists();
    try (var runs = Files.list(dir.resolve("runs"))) {
      assertThat(runs.map(p -> p.getFileName().toString()).sorted())
          .as("the crasher's repetitions are not run").containsExactly("001-sequential-r1", "002-sequential-r2");
    }
    JsonNode account = Json.mapper().readTree(dir.resolve("preflight.json").toFile());
    assertThat(account.path("outcomes").path("sequential").asText()).isEqualTo("ok");
    assertThat(account.path("skipped").path("crasher").asText())
        .startsWith("pre-flight failed: crashed: exited with 3");
    JsonNode summary = Json.mapper().readTree(dir.resolve("summary.json").toFile());
    assertThat(summary.path("runs").asInt()).as("pre-flights are never counted").isEqualTo(2);
    assertThat(summary.path("okRuns").asInt()).isEqualTo(2);
    assertThat(summary.path("interrupted").asBoolean()).as("no planned run is missing").isFalse();
    assertThat(summary.path("models")).hasSize(1);
    assertThat(summary.path("preflightFailed").path("crasher").asText())
        .startsWith("pre-flight failed: crashed");
    assertThat(Files.readString(dir.resolve("report.html"))).contains("<b>crasher</b> — pre-flight failed: crashed");
  }

  @Test
  void badScenarioStartsNothingAndExitsTwo() throws IOException {
    Path scenario = tmp.resolve("broken.yaml");
    Files.writeString(scenario, "job: {days: 0}\n");
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int exit =
        new ExperimentRunner(new PrintStream(console, true, StandardCharsets.UTF_8),
                new PrintStream(errors, true, StandardCharsets.UTF_8))
            .execute(request(scenario, tmp));
    assertThat(exit).isEqualTo(2);
    assertThat(errors.toString(StandardCharsets.UTF_8)).contains("broken.yaml").contains("job.days");
    assertThat(tmp.resolve("results")).doesNotExist();
  }
}
