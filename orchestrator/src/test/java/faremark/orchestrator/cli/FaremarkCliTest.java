package faremark.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.scenario.ScenarioFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FaremarkCliTest {
  static final String SEED = ScenarioFiles.repoRoot().resolve("scenarios/seed.yaml").toString();
  static final String INVALID = "src/test/resources/scenarios/invalid/";

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = FaremarkCli.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void validatePrintsAResolvedSummary() {
    Result r = run("validate", SEED);
    assertThat(r.code()).isEqualTo(ExitCodes.OK);
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains("scenario     seed")
        .contains("PRG → BRQ, 100 days from 2018-06-01")
        .contains("service time 290ms fixed")
        .contains("keep-alive timeout none")
        .contains("concurrency 100")
        .contains("sequential, thread-pool, virtual-threads, async, multi-process")
        .contains("3 (15 runs)")
        .contains("sequential       ≈ 29s request phase");
  }

  @Test
  void validateResolvedPrintsYaml() {
    Result r = run("validate", "--resolved", SEED);
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("poolSize: 100").contains("retryAfter: 1s")
        .contains("keepAliveTimeout: none");
  }

  @Test
  void validateReportsErrorsWithExitCodeTwo() {
    Result r = run("validate", INVALID + "bare-number-duration.yaml");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains("bare-number-duration.yaml:7:16: server.serviceTime: expected a duration")
        .contains("1 error; nothing was run.");
  }

  @Test
  void validateOfAMissingFileIsBadInput() {
    Result r = run("validate", "no/such/scenario.yaml");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("no such file");
  }

  @Test
  void unknownOptionIsBadInput() {
    Result r = run("run", SEED, "--bogus");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("Unknown option: '--bogus'").contains("faremark run --help");
  }

  @Test
  void badOptionValuesAreBadInput() {
    assertThat(run("run", SEED, "--backend", "k8s").code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run("run", SEED, "--repetitions", "zero").code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run("run", SEED, "--repetitions", "0").code()).isEqualTo(ExitCodes.BAD_INPUT);
    Result models = run("run", SEED, "--models", "sequential,gevent");
    assertThat(models.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(models.err()).contains("unknown model 'gevent'");
    assertThat(run("validate").code()).isEqualTo(ExitCodes.BAD_INPUT);
    Result proxy = run("run", SEED, "--proxy-url", "localhost:8474");
    assertThat(proxy.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(proxy.err()).contains("--proxy-url").contains("http://127.0.0.1:8474");
  }

  @Test
  void runWithABadScenarioStartsNothing() {
    Result r = run("run", INVALID + "unknown-model.yaml");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("unknown-model.yaml:2:22: models[1]: unknown model 'gevent'");
  }

  @Test
  void modelsListsTheFiveJavaModels() {
    Result r = run("models");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("sequential", "thread-pool", "virtual-threads", "async", "multi-process")
        .contains("defined per scenario under external:");
  }

  @Test
  void modelsOfAScenarioListsItsExternalModels() {
    Path dir = ScenarioFiles.repoRoot();
    Result r = run("models", dir.resolve("scenarios/smoke.yaml").toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("External models in").contains(": none");
  }

  @Test
  void helpAndVersionWork() {
    for (String command : new String[] {"run", "validate", "models"}) {
      Result r = run(command, "--help");
      assertThat(r.code()).isZero();
      assertThat(r.out()).contains("Usage: faremark " + command).contains("Examples:");
    }
    assertThat(run("--help").out()).contains("Exit codes:");
    Result v = run("--version");
    assertThat(v.code()).isZero();
    assertThat(v.out()).startsWith("faremark");
  }

  @Test
  void noCommandIsBadInput() {
    Result r = run();
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("a command is needed");
  }

  @Test
  void dockerHostsAreCheckedBeforeAnythingStarts() {
    Result plain = run("run", SEED, "--docker-hosts", "unix:///var/run/docker.sock,tcp://10.0.0.2:2375");
    assertThat(plain.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(plain.err()).contains("faremark run: --docker-hosts: tcp://10.0.0.2:2375 is a remote"
        + " engine over plain text").contains("--allow-insecure-engine");
    Result bad = run("run", SEED, "--docker-hosts", "docker.sock");
    assertThat(bad.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(bad.err()).contains("expected unix:///path/to/docker.sock or tcp://host:port, got 'docker.sock'");
    Result local = run("run", SEED, "--backend", "local", "--docker-hosts", "unix:///var/run/docker.sock");
    assertThat(local.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(local.err()).contains("--docker-hosts names Docker engines; --backend local runs on this machine only");
    assertThat(plain.out() + bad.out() + local.out()).as("nothing started").isEmpty();
  }

  @Test
  void clusterOptionsAreForTheKubernetesBackendOnly() {
    Result docker = run("run", SEED, "--backend", "docker", "--image-registry", "localhost:5001");
    assertThat(docker.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(docker.err()).contains("--image-registry is for --backend kubernetes, not --backend docker");
    Result auto = run("run", SEED, "--namespace", "bench");
    assertThat(auto.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(auto.err()).contains("--namespace is for --backend kubernetes, not --backend auto");
    assertThat(docker.out() + auto.out()).as("nothing started").isEmpty();
  }
}
