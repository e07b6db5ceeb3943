package faremark.orchestrator.experiment;

import static faremark.orchestrator.experiment.InProcessExperiment.request;
import static faremark.orchestrator.experiment.InProcessExperiment.runner;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import faremark.contract.Json;
import faremark.contract.model.PythonImplementation;
import faremark.orchestrator.python.PythonInterpreter;
import faremark.orchestrator.python.PythonProbe;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pypy-threads through the real runner on the local backend, beside its CPython twin where this
 * machine has one: the same extracted sources byte-compiled by each interpreter, pypy3 in its own
 * cgroup, the same verification; the run records its interpreter. Skipped, saying why, where no
 * pypy3 with requests is installed (apt-get install -y pypy3 python3-requests).
 */
class PypyExperimentEndToEndTest {
  @TempDir Path tmp;

  @Test
  void pypyThreadsGivesVerifiedResultsAndRecordsItsInterpreter() throws Exception {
    PythonProbe pypy = PythonInterpreter.SYSTEM.probe(PythonImplementation.PYPY, List.of("requests", "gevent"));
    String why = pypy.executable().isEmpty() ? pypy.problem()
        : pypy.version("requests").isEmpty() ? "requests does not load on " + pypy.executable().get() : "";
    if (!why.isEmpty()) {
      System.err.println("PypyExperimentEndToEndTest skipped: " + why);
    }
    Assumptions.assumeTrue(why.isEmpty(), why);

    Path scenario = tmp.resolve("pypy-e2e.yaml");
    Files.writeString(scenario, """
        name: pypy-e2e
        job: {route: {from: PRG, to: BRQ}, startDate: 2018-06-01, days: 12}
        server: {serviceTime: 20ms, payload: 4KiB}
        client: {concurrency: 12}
        models: [pypy-threads, pypy-gevent]
        repetitions: 1
        run: {timeout: 2m}
        """);
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    int exit = runner(console).execute(request(scenario, tmp));
    String printed = console.toString(StandardCharsets.UTF_8);

    assertThat(exit).as(printed).isZero();
    assertThat(printed).contains("pypy: " + pypy.executable().get() + " (PyPy ");
    boolean geventLoads = pypy.version("gevent").isPresent();
    if (!geventLoads) {
      assertThat(printed).contains("skipped pypy-gevent: Python module gevent");
    }
    Path dir;
    try (Stream<Path> dirs = Files.list(tmp.resolve("results"))) {
      dir = dirs.findFirst().orElseThrow();
    }
    JsonNode python = Json.mapper().readTree(dir.resolve("python.json").toFile());
    assertThat(python.path("interpreters").path("pypy").path("executable").asText())
        .isEqualTo(pypy.executable().get());
    assertThat(python.path("interpreters").path("pypy").path("byteCode").asText()).contains(".pypy");
    assertThat(python.path("interpreters").has("cpython")).as("no CPython model asked for").isFalse();
    try (Stream<Path> pyc = Files.list(dir.resolve("python/faremark_py/__pycache__"))) {
      assertThat(pyc.map(p -> p.getFileName().toString())).as("PyPy's own byte code")
          .anyMatch(n -> n.startsWith("threads.pypy"));
    }

    JsonNode record = Json.mapper().readTree(dir.resolve("runs/001-pypy-threads-r1/run.json").toFile());
    assertThat(record.path("outcome").asText()).as(record.path("reason").asText()).isEqualTo("ok");
    assertThat(record.path("verification").path("matchingDays").asInt()).isEqualTo(12);
    assertThat(record.path("result").path("model").asText()).isEqualTo("pypy-threads");
    assertThat(record.path("interpreter").path("implementation").asText()).isEqualTo("pypy");
    assertThat(record.path("interpreter").path("executable").asText()).isEqualTo(pypy.executable().get());
    assertThat(record.path("interpreter").path("version").asText()).isEqualTo(pypy.runtime());
    assertThat(record.path("command").get(0).asText()).isEqualTo(pypy.executable().get());
    JsonNode memory = record.path("memory");
    assertThat(memory.path("peakBytes").asLong()).isGreaterThanOrEqualTo(memory.path("baselineBytes").asLong());
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count())
        .as("no workload process outlives the experiment").isZero();
  }
}
