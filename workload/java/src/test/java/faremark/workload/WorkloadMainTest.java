package faremark.workload;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.contract.WorkloadEvent;
import faremark.contract.WorkloadSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract, end to end: WorkloadMain as its own JVM, as the orchestrator starts it. */
class WorkloadMainTest {

  record Outcome(int exitCode, List<String> stdout, String stderr) {}

  static Outcome run(String... args) throws Exception {
    Process process = Runs.launch(args);
    process.getOutputStream().close();
    // Both streams read on the side (a chatty child cannot block on a full pipe), and every wait
    // bounded: a workload that hangs is killed and fails the test instead of stalling it.
    var stdout = readAll(process.getInputStream());
    var stderr = readAll(process.getErrorStream());
    boolean exited = process.waitFor(60, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(exited).as("WorkloadMain exited within 60 s; stderr: %s", stderr.getNow("")).isTrue();
    return new Outcome(process.exitValue(), stdout.get(10, TimeUnit.SECONDS).lines().toList(),
        stderr.get(10, TimeUnit.SECONDS));
  }

  private static java.util.concurrent.CompletableFuture<String> readAll(java.io.InputStream in) {
    return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return e.toString();
      }
    });
  }

  @Test
  void printsReadyThenDoneAndExitsZeroWhenEverythingSucceeded() throws Exception {
    try (FixtureServer server = new FixtureServer(Duration.ofMillis(10))) {
      WorkloadSpec spec = server.spec("virtual-threads", 8, 4);
      Outcome outcome = run("--spec-json", Runs.json(spec));

      assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
      assertThat(outcome.stdout()).hasSize(2);
      WorkloadEvent.Ready ready = (WorkloadEvent.Ready) WorkloadEvent.parse(outcome.stdout().get(0));
      assertThat(ready.model()).isEqualTo("virtual-threads");
      assertThat(ready.pid()).isPositive();
      assertThat(ready.runtime()).isNotBlank();
      WorkloadEvent.Done done = (WorkloadEvent.Done) WorkloadEvent.parse(outcome.stdout().get(1));
      assertThat(done.result().ok()).isEqualTo(8);
      assertThat(done.result().aggregate()).isEqualTo(FixtureServer.expected(spec));
      assertThat(done.at()).isAfterOrEqualTo(ready.at());
    }
  }

  @Test
  void readsTheSpecFromAFileAndExitsOneWhenARequestFailed(@TempDir Path dir) throws Exception {
    try (FixtureServer server = new FixtureServer(Duration.ZERO)) {
      server.fault(FixtureServer.START.plusDays(1), FixtureServer.Fault.STATUS_503);
      Path file = dir.resolve("spec.json");
      Files.writeString(file, Runs.json(server.spec("async", 3, 2)));
      Outcome outcome = run("--spec", file.toString());

      assertThat(outcome.exitCode()).as(outcome.stderr()).isEqualTo(1);
      assertThat(outcome.stdout()).hasSize(2);
      WorkloadEvent.Done done = (WorkloadEvent.Done) WorkloadEvent.parse(outcome.stdout().get(1));
      assertThat(done.result().failed()).containsEntry("http-503", 1);
      assertThat(outcome.stderr()).contains("http-503");
    }
  }

  @Test
  void exitsTwoWithoutPrintingForAMissingOrBadSpec(@TempDir Path dir) throws Exception {
    Outcome none = run();
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.stdout()).isEmpty();
    assertThat(none.stderr()).contains("--spec");

    Outcome missingFile = run("--spec", dir.resolve("nope.json").toString());
    assertThat(missingFile.exitCode()).isEqualTo(2);
    assertThat(missingFile.stderr()).contains("spec file not found");

    try (FixtureServer server = new FixtureServer(Duration.ZERO)) {
      Outcome unknownModel = run("--spec-json", Runs.json(server.spec("gevent", 3, 2)));
      assertThat(unknownModel.exitCode()).isEqualTo(2);
      assertThat(unknownModel.stdout()).isEmpty();
      assertThat(unknownModel.stderr()).contains("'model'", "gevent", "virtual-threads");
      assertThat(server.requests()).isZero();
    }
  }
}
