package faremark.orchestrator.experiment;

import static faremark.orchestrator.experiment.InProcessExperiment.onlyResultsDir;
import static faremark.orchestrator.experiment.InProcessExperiment.runner;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import faremark.contract.Json;
import faremark.orchestrator.backend.docker.BaseImages;
import faremark.orchestrator.backend.docker.DockerEngine;
import faremark.orchestrator.backend.docker.DockerTestSupport;
import faremark.orchestrator.faults.ResultsCheck;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docker backend for real, through the runner: images built from the project's Dockerfiles,
 * the fare server and proxy in containers, every run in a fresh container with its cgroup sampled
 * on the host; OOM kills reported as such; nothing of the experiment's left on the engine.
 * Honours FAREMARK_DOCKER_NETWORK (CI sets host: its machines allow loopback traffic only).
 */
class DockerExperimentIT {
  @TempDir Path tmp;

  @BeforeEach
  void needsDocker() {
    DockerTestSupport.assumeDocker();
  }

  private RunRequest request(Path scenario) {
    return new RunRequest(scenario, "docker", List.of(), Optional.empty(), tmp.resolve("results"));
  }

  @Test
  void javaAndPythonModelsGiveVerifiedResultsFromContainerCgroups() throws Exception {
    Path scenario = tmp.resolve("docker-e2e.yaml");
    Files.writeString(scenario, """
        name: docker-e2e
        job: {route: {from: PRG, to: BRQ}, startDate: 2018-06-01, days: 12}
        server: {serviceTime: 20ms, payload: 4KiB}
        client: {concurrency: 12, processes: 2}
        network: {rtt: 10ms}
        models: [sequential, virtual-threads, async, thread-pool, multi-process, py-asyncio, py-threads]
        repetitions: 1
        run: {timeout: 2m}
        """);
    long deadPid = deadPid();
    String leftover;
    try (DockerEngine engine = DockerTestSupport.engine()) {
      leftover = crashedRunsContainer(engine.client(), deadPid);
    }
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    int exit = runner(console).execute(request(scenario));
    String printed = console.toString(StandardCharsets.UTF_8);

    assertThat(exit).as(printed).isZero();
    assertThat(printed).contains("backend: docker").contains("removed container " + leftover);
    Path dir = onlyResultsDir(tmp);
    JsonNode env = Json.mapper().readTree(dir.resolve("environment.json").toFile());
    assertThat(env.path("backend").asText()).isEqualTo("docker");
    assertThat(env.path("docker").path("images").path("workload-java").path("id").asText()).startsWith("sha256:");
    assertThat(env.path("docker").path("images").path("workload-python").path("id").asText()).startsWith("sha256:");
    JsonNode summary = Json.mapper().readTree(dir.resolve("summary.json").toFile());
    assertThat(summary.path("okRuns").asInt()).as(printed).isEqualTo(7);
    try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
      for (Path run : runs.toList()) {
        JsonNode record = Json.mapper().readTree(run.resolve("run.json").toFile());
        assertThat(record.path("outcome").asText()).as(run.toString()).isEqualTo("ok");
        assertThat(record.path("verification").path("status").asText()).as(run.toString())
            .isEqualTo("verified");
        assertThat(record.path("memory").path("peakSource").asText()).as(run.toString())
            .isEqualTo("kernel");
        assertThat(record.path("memory").path("source").asText()).as(run.toString()).startsWith("cgroup-v");
        assertThat(Files.readAllLines(run.resolve("samples.csv"))).as(run.toString()).hasSizeGreaterThan(3);
        assertThat(record.toString()).as(run.toString()).contains("container:faremark/workload-");
        // the histogram came back on the container's stdout, as on the local backend
        LatencyChecks.assertKept(run, record, 12);
      }
    }
    LatencyChecks.assertMerged(summary, 12);
    try (DockerEngine engine = DockerTestSupport.engine()) {
      assertThat(DockerTestSupport.ownedBy(engine.client(), ProcessHandle.current().pid())).isEmpty();
      assertThat(DockerTestSupport.ownedBy(engine.client(), deadPid)).isEmpty();
    }
  }

  @Test
  void pypyModelsRunInThePypyImageAndThoseWhoseLibrariesDoNotLoadThereAreSkipped() throws Exception {
    try (DockerEngine engine = DockerTestSupport.engine()) {
      boolean base = System.getenv("FAREMARK_PYPY_IMAGE") != null
          || new BaseImages(engine.client()).present(BaseImages.OFFLINE_PYPY, "offline base").isPresent();
      if (!base) {
        System.err.println("DockerExperimentIT: the PyPy check is skipped: no " + BaseImages.OFFLINE_PYPY
            + " (docker/offline-bases.sh builds it) and no FAREMARK_PYPY_IMAGE");
      }
      org.junit.jupiter.api.Assumptions.assumeTrue(base, "no PyPy base image");
    }
    Path scenario = tmp.resolve("docker-pypy.yaml");
    Files.writeString(scenario, """
        name: docker-pypy
        job: {route: {from: PRG, to: BRQ}, startDate: 2018-06-01, days: 12}
        server: {serviceTime: 20ms, payload: 4KiB}
        client: {concurrency: 12}
        models: [pypy-threads, pypy-gevent]
        repetitions: 1
        run: {timeout: 2m}
        """);
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    int exit = runner(console).execute(request(scenario));
    String printed = console.toString(StandardCharsets.UTF_8);

    assertThat(exit).as(printed).isZero();
    // Debian's gevent is not in the PyPy base, so the image's pypy3 cannot import it
    assertThat(printed).contains("pypy: pypy3 in faremark/workload-pypy:").contains("skipped pypy-gevent: ");
    Path dir = onlyResultsDir(tmp);
    JsonNode env = Json.mapper().readTree(dir.resolve("environment.json").toFile());
    assertThat(env.path("docker").path("images").path("workload-pypy").path("id").asText()).startsWith("sha256:");
    JsonNode python = Json.mapper().readTree(dir.resolve("python.json").toFile());
    assertThat(python.path("interpreters").path("pypy").path("runtime").asText()).startsWith("PyPy ");
    assertThat(python.path("skipped").has("pypy-gevent")).isTrue();
    JsonNode record = Json.mapper().readTree(dir.resolve("runs/001-pypy-threads-r1/run.json").toFile());
    assertThat(record.path("outcome").asText()).as(record.path("reason").asText()).isEqualTo("ok");
    assertThat(record.path("interpreter").path("executable").asText()).startsWith("pypy3 in faremark/workload-pypy:");
    assertThat(record.path("interpreter").path("version").asText()).startsWith("PyPy ");
    try (DockerEngine engine = DockerTestSupport.engine()) {
      assertThat(DockerTestSupport.ownedBy(engine.client(), ProcessHandle.current().pid()))
          .as("the probe containers are gone too").isEmpty();
    }
  }

  @Test
  void aRunKilledAtTheMemoryLimitIsReportedAsOomAndTheExperimentGoesOn() throws Exception {
    Path scenario = tmp.resolve("docker-oom.yaml");
    Files.writeString(scenario, """
        name: docker-oom
        job: {days: 10}
        server: {serviceTime: 20ms}
        client: {concurrency: 10, processes: 4}
        models: [multi-process, py-asyncio]
        repetitions: 1
        run: {memoryLimit: 64MiB, timeout: 2m, preflight: false}
        """);
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    int exit = runner(console).execute(request(scenario));
    String printed = console.toString(StandardCharsets.UTF_8);

    assertThat(exit).as(printed).isEqualTo(1);
    Path dir = onlyResultsDir(tmp);
    JsonNode oom = Json.mapper().readTree(dir.resolve("runs/001-multi-process-r1/run.json").toFile());
    assertThat(oom.path("outcome").asText()).as(oom.toString()).isEqualTo("oom-killed");
    assertThat(oom.path("reason").asText()).contains("OOM killer");
    JsonNode ok = Json.mapper().readTree(dir.resolve("runs/002-py-asyncio-r1/run.json").toFile());
    assertThat(ok.path("outcome").asText()).as(ok.toString()).isEqualTo("ok");
    // The killed run is listed with its reason and never averaged in.
    JsonNode summary = Json.mapper().readTree(dir.resolve("summary.json").toFile());
    assertThat(ResultsCheck.figuresOfRunsNotOk(summary)).as("no figure of a run that was not ok").isEmpty();
    JsonNode multiProcess = summary.path("models").get(0);
    assertThat(multiProcess.path("model").asText()).isEqualTo("multi-process");
    assertThat(multiProcess.path("ok").asInt()).isZero();
    assertThat(multiProcess.path("outcomes").path("oom-killed").asInt()).isEqualTo(1);
    assertThat(multiProcess.path("peakBytes").path("n").asInt()).isZero();
    assertThat(summary.path("models").get(1).path("peakBytes").path("n").asInt())
        .as("the run that fit is").isEqualTo(1);
    assertThat(Files.readString(dir.resolve("report-data.json"))).contains("oom-killed");
    try (DockerEngine engine = DockerTestSupport.engine()) {
      assertThat(DockerTestSupport.ownedBy(engine.client(), ProcessHandle.current().pid())).isEmpty();
    }
  }

  /** A container as a crashed faremark would have left it: labelled, its owner gone. */
  private static String crashedRunsContainer(DockerClient docker, long deadPid) {
    String name = "faremark-crashed-" + deadPid;
    docker.createContainerCmd(BaseImages.OFFLINE_JRE).withName(name).withCmd("true")
        .withLabels(DockerTestSupport.labelsOfDeadOwner(deadPid)).exec();
    return name;
  }

  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }
}
