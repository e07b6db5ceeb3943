package faremark.orchestrator.experiment;

import static faremark.orchestrator.experiment.InProcessExperiment.request;
import static faremark.orchestrator.experiment.InProcessExperiment.runner;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import faremark.contract.Json;
import faremark.orchestrator.Requirement;
import faremark.orchestrator.backend.local.CgroupSupport;
import faremark.orchestrator.faults.ResultsCheck;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runs that go wrong, end to end on the local backend: a run past its timeout, a run killed
 * at its memory limit, and the /proc fallback when no cgroup is to be had. Each is recorded as
 * what it was, and the experiment goes on.
 */
class LocalExperimentFailureModesTest {
  @TempDir Path tmp;

  @AfterEach
  void restoreCgroupSetting() {
    System.clearProperty(CgroupSupport.SETTING_PROPERTY);
  }

  @Test
  void aRunPastItsTimeoutIsKilledAndRecordedAsTimedOut() throws IOException {
    Path scenario = write("slow.yaml",
        """
        name: slow
        job: {days: 3}
        server: {serviceTime: 1ms}
        models: [sleeper, sequential]
        repetitions: 1
        run: {timeout: 10s, preflight: false}
        external:
          sleeper:
            command: ["sh", "-c", "sleep 60", "{spec}"]
        """);
    Instant start = Instant.now();
    Result result = run(scenario);

    assertThat(result.exit()).as(result.console()).isEqualTo(1);
    // Killed at its timeout, not when its sleep ended: the sleeper's own wall time is the
    // timeout plus the kill, and the whole experiment (a JVM run and a report on top, which
    // take seconds on a loaded machine) is shorter than the sleep alone. The timeout leaves
    // sequential's JVM (3 requests, 1-2 s, over 5 s seen under load) room to finish.
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(60));
    JsonNode sleeper = result.run("001-sleeper-r1");
    assertThat(sleeper.path("outcome").asText()).isEqualTo("timed-out");
    assertThat(sleeper.path("processWallMs").asDouble()).isBetween(10_000.0, 20_000.0);
    assertThat(sleeper.path("exitCode").isNull()).isTrue();
    assertThat(result.run("002-sequential-r1").path("outcome").asText())
        .as("the experiment carries on").isEqualTo("ok");
  }

  @Test
  void aRunOverItsMemoryLimitIsRecordedAsOomKilled() throws IOException {
    String test = "LocalExperimentFailureModesTest.aRunOverItsMemoryLimitIsRecordedAsOomKilled";
    Requirement.CGROUP.require(CgroupSupport.detect().available(), test,
        () -> "no cgroup can be made here (" + CgroupSupport.detect().describe() + ")");
    Requirement.PYTHON.require(Files.isExecutable(Path.of("/usr/bin/python3")), test,
        () -> "no /usr/bin/python3 (apt-get install -y python3)");
    Path scenario = write("hog.yaml",
        """
        name: hog
        job: {days: 2}
        server: {serviceTime: 1ms}
        models: [hog, sequential]
        repetitions: 1
        run: {memoryLimit: 32MiB, timeout: 1m, preflight: false}
        external:
          hog:
            command: ["/usr/bin/python3", "-c", "import sys; x = bytearray(256 << 20); print(len(x))", "{spec}"]
        """);
    Result result = run(scenario);

    assertThat(result.exit()).as(result.console()).isEqualTo(1);
    JsonNode hog = result.run("001-hog-r1");
    assertThat(hog.path("outcome").asText()).isEqualTo("oom-killed");
    assertThat(hog.path("memory").path("oomKills").asLong()).isPositive();
    assertThat(hog.path("memory").path("peakBytes").asLong()).isLessThanOrEqualTo(32L << 20);
    // a JVM does not fit in 32 MiB either: what matters is that it is reported, not averaged
    JsonNode summary = Json.mapper().readTree(result.dir().resolve("summary.json").toFile());
    JsonNode hogSummary = summary.path("models").get(0);
    assertThat(hogSummary.path("model").asText()).isEqualTo("hog");
    assertThat(hogSummary.path("ok").asInt()).isZero();
    assertThat(hogSummary.path("outcomes").path("oom-killed").asInt()).isEqualTo(1);
    assertThat(ResultsCheck.figuresOfRunsNotOk(summary)).as("no figure of a run that was not ok").isEmpty();
    assertThat(hogSummary.path("peakBytes").path("n").asInt()).as("the killed run's peak is not in").isZero();
    // listed with its reason in the report's data, not dropped
    JsonNode reportRuns = Json.mapper().readTree(result.dir().resolve("report-data.json").toFile()).path("runs");
    assertThat(reportRuns.findValues("outcome").stream().map(JsonNode::asText)).contains("oom-killed");
    assertThat(reportRuns.toString()).contains("OOM killer");
  }

  @Test
  void withoutACgroupMemoryComesFromProcAndTheResultsSaySo() throws IOException {
    System.setProperty(CgroupSupport.SETTING_PROPERTY, "none");
    Path scenario = write("proc.yaml",
        """
        name: proc
        job: {days: 5}
        server: {serviceTime: 5ms}
        models: [virtual-threads]
        repetitions: 1
        """);
    Result result = run(scenario);

    assertThat(result.exit()).as(result.console()).isZero();
    JsonNode record = result.run("001-virtual-threads-r1");
    assertThat(record.path("memory").path("source").asText()).isEqualTo("proc-rss");
    assertThat(record.path("memory").path("peakSource").asText()).isEqualTo("sampled");
    assertThat(record.path("memory").path("peakBytes").asLong())
        .isGreaterThanOrEqualTo(record.path("memory").path("baselineBytes").asLong())
        .isPositive();
    JsonNode summary = Json.mapper().readTree(result.dir().resolve("summary.json").toFile());
    assertThat(summary.path("memorySource").asText()).isEqualTo("proc-rss");
    assertThat(Files.readString(result.dir().resolve("environment.json"))).contains("no cgroup");
  }

  private record Result(int exit, String console, Path dir) {
    JsonNode run(String runId) throws IOException {
      return Json.mapper().readTree(dir.resolve("runs").resolve(runId).resolve("run.json").toFile());
    }
  }

  private Result run(Path scenario) throws IOException {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    int exit = runner(console).execute(request(scenario, tmp));
    try (Stream<Path> dirs = Files.list(tmp.resolve("results"))) {
      return new Result(exit, console.toString(StandardCharsets.UTF_8), dirs.findFirst().orElseThrow());
    }
  }

  private Path write(String name, String yaml) throws IOException {
    Path file = tmp.resolve(name);
    Files.writeString(file, yaml);
    return file;
  }
}
