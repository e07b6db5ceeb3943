package faremark.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import faremark.contract.Json;
import faremark.orchestrator.Requirement;
import faremark.orchestrator.TestJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI on a machine whose python3 lacks the models' libraries, made real by pointing
 * FAREMARK_PYTHON at a python3 started with {@code -I -S} (no site-packages: requests, aiohttp
 * and gevent do not import). Python models are skipped with their reason, the rest runs; when
 * nothing is left it is bad input.
 */
class PythonSkipCliTest {
  @TempDir Path tmp;

  private Path barePython() throws IOException {
    Requirement.PYTHON.require(Files.isExecutable(Path.of("/usr/bin/python3")), "PythonSkipCliTest",
        () -> "needs /usr/bin/python3 (apt-get install -y python3)");
    Path script = tmp.resolve("bare-python3");
    Files.writeString(script, "#!/bin/sh\nexec /usr/bin/python3 -I -S \"$@\"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  private Result cli(Path python, String... args) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Stream.of(TestJvm.java().stream(),
        Stream.of("-cp", System.getProperty("java.class.path"), FaremarkCli.class.getName()),
        Stream.of(args)).flatMap(s -> s).toList()).redirectErrorStream(true).directory(tmp.toFile());
    pb.environment().put("FAREMARK_PYTHON", python.toString());
    Process p = pb.start();
    p.getOutputStream().close();
    // Read on the side and wait with a bound: a CLI that hangs is killed and fails the test.
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
      try {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    boolean exited = p.waitFor(3, TimeUnit.MINUTES);
    if (!exited) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(exited).as("the CLI exited within 3 minutes").isTrue();
    return new Result(p.exitValue(), out.get(10, TimeUnit.SECONDS));
  }

  private record Result(int exit, String out) {}

  @Test
  void unavailablePythonModelsAreSkippedAndRecordedTheRestRuns() throws Exception {
    Path python = barePython();
    Path scenario = tmp.resolve("mixed.yaml");
    Files.writeString(scenario, "name: mixed\njob: {days: 2}\nserver: {serviceTime: 1ms}\n"
        + "models: [py-asyncio, sequential, py-threads]\nrepetitions: 1\n");
    Result r = cli(python, "run", scenario.toString(), "--backend", "local", "--out", tmp.resolve("results").toString());

    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out())
        .contains("skipped py-asyncio: Python module aiohttp not importable by " + python)
        .contains("apt-get install -y python3-aiohttp")
        .contains("skipped py-threads: Python module requests not importable")
        .contains("sequential #1 ... ok");
    Path dir;
    try (Stream<Path> dirs = Files.list(tmp.resolve("results"))) {
      dir = dirs.findFirst().orElseThrow();
    }
    JsonNode python_ = Json.mapper().readTree(dir.resolve("python.json").toFile());
    assertThat(python_.path("skipped").path("py-asyncio").asText()).contains("aiohttp");
    assertThat(python_.path("interpreters").path("cpython").path("modules").path("requests").isNull()).isTrue();
    assertThat(python_.path("interpreters").path("cpython").path("errors").path("requests").asText())
        .startsWith("ModuleNotFoundError");
    JsonNode summary = Json.mapper().readTree(dir.resolve("summary.json").toFile());
    assertThat(summary.path("runs").asInt()).isEqualTo(1);
    // the report says which models did not run here, and why
    JsonNode report = Json.mapper().readTree(dir.resolve("report-data.json").toFile());
    assertThat(report.path("skippedModels").path("py-threads").asText()).contains("requests");
    assertThat(Files.readString(dir.resolve("report.html")))
        .contains("<b>Skipped here</b>", "<li><b>py-asyncio</b> — Python module aiohttp not importable");
  }

  @Test
  void onlyUnavailableModelsIsBadInputAndStartsNothing() throws Exception {
    Path python = barePython();
    Path scenario = tmp.resolve("py.yaml");
    Files.writeString(scenario, "name: py\njob: {days: 2}\nmodels: [py-gevent]\nrepetitions: 1\n");
    Result r = cli(python, "run", scenario.toString(), "--backend", "local", "--out", tmp.resolve("results").toString());

    assertThat(r.exit()).as(r.out()).isEqualTo(2);
    assertThat(r.out()).contains("skipped py-gevent: Python modules gevent, requests not importable")
        .contains("none of the models asked for can run on this machine");
    assertThat(tmp.resolve("results")).doesNotExist();
  }

  @Test
  void modelsSaysWhatThisMachineCannotRun() throws Exception {
    Result r = cli(barePython(), "models");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("py-multiprocessing").contains("unavailable: Python module requests");
    assertThat(List.of(r.out().split("\n"))).anyMatch(l -> l.startsWith("  py-asyncio"));
  }
}
