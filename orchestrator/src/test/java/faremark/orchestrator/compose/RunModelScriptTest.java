package faremark.orchestrator.compose;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.contract.Json;
import faremark.contract.WorkloadSpec;
import faremark.contract.model.Language;
import faremark.contract.model.ModelDeclaration;
import faremark.orchestrator.backend.ModelLaunch;
import faremark.orchestrator.model.Models;
import faremark.orchestrator.scenario.Scenario;
import faremark.orchestrator.scenario.ScenarioFiles;
import faremark.orchestrator.scenario.ScenarioLoader;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docker/compose/run-model.sh and the orchestrator's docker backend must start a model the same
 * way in the same image, and write the same spec for the same parameters, or a compose run would
 * not reproduce a {@code faremark run --backend docker}. The script runs here under {@code sh}
 * in a fake image layout (a folder standing for /opt/faremark), with {@code java} and {@code
 * python3} replaced by stubs that print the command line they were given.
 */
class RunModelScriptTest {
  private static final Path SCRIPT = ScenarioFiles.repoRoot().resolve("docker/compose/run-model.sh");
  /** Where the project's images keep the workload. */
  private static final String IMAGE_DIR = "/opt/faremark";
  private static final String TARGET = "http://127.0.0.1:8666";

  @TempDir Path tmp;

  /** The orchestrator's model-to-command mapping (ModelLaunch) in the images' layout. */
  private static List<String> orchestratorCommand(ModelDeclaration model, List<String> jvmArgs,
      String specPath) {
    ModelLaunch launch = model.python().isPresent()
        ? new ModelLaunch.Python(model.id(), model.python().get().implementation())
        : new ModelLaunch.Java(model.id(), jvmArgs);
    return launch.command(ModelLaunch.Layout.IMAGE, specPath);
  }

  static List<String> models() {
    return Models.ids();
  }

  @ParameterizedTest
  @MethodSource("models")
  void launchesEveryModelAsTheDockerBackendDoes(String id) throws Exception {
    ModelDeclaration model = Models.find(id).orElseThrow();
    List<String> jvmArgs = List.of("-Xmx64m", "-XX:+UseSerialGC");
    Path home = image(model.language());
    Map<String, String> env = environment(home);
    env.put("FAREMARK_JVM_ARGS", String.join(" ", jvmArgs));
    env.put("FAREMARK_MODEL", id);

    Run run = script(env);

    assertThat(run.exit()).as(run.stderr()).isZero();
    String spec = tmp.resolve("spec.json").toString();
    List<String> expected = orchestratorCommand(model, jvmArgs, spec).stream()
        .map(a -> a.startsWith(IMAGE_DIR + "/") ? home + a.substring(IMAGE_DIR.length()) : a)
        .toList();
    assertThat(run.stdout().lines().toList()).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("models")
  void writesTheSpecTheOrchestratorWouldForTheSameParameters(String id) throws Exception {
    Scenario scenario = ScenarioLoader.parse("""
        job: {route: {from: VIE, to: BRQ}, startDate: 2018-06-03, days: 7}
        client: {concurrency: 5, connections: per-request, poolSize: 3, connectTimeout: 2s,
                 requestTimeout: 9s, processes: 4, retries: 2}
        python: {aiohttpLimitPerHost: 2, requestsPoolBlock: true, geventPoolSize: 3, startMethod: spawn}
        models: [%s]
        """.formatted(id), "same.yaml", Optional.empty());
    Map<String, String> env = environment(image(Models.find(id).orElseThrow().language()));
    env.putAll(Map.of("FAREMARK_FROM", "VIE", "FAREMARK_TO", "BRQ",
        "FAREMARK_START_DATE", "2018-06-03", "FAREMARK_DAYS", "7", "FAREMARK_CONCURRENCY", "5",
        "FAREMARK_CONNECTIONS", "per-request", "FAREMARK_POOL_SIZE", "3",
        "FAREMARK_CONNECT_TIMEOUT", "2s", "FAREMARK_REQUEST_TIMEOUT", "9s",
        "FAREMARK_PROCESSES", "4"));
    env.putAll(Map.of("FAREMARK_RETRIES", "2", "FAREMARK_PY_AIOHTTP_LIMIT_PER_HOST", "2",
        "FAREMARK_PY_REQUESTS_POOL_BLOCK", "true", "FAREMARK_PY_GEVENT_POOL_SIZE", "3",
        "FAREMARK_PY_START_METHOD", "spawn"));

    Run run = script(env, id);

    assertThat(run.exit()).as(run.stderr()).isZero();
    WorkloadSpec written = Json.mapper().readValue(tmp.resolve("spec.json").toFile(), WorkloadSpec.class);
    assertThat(written).isEqualTo(scenario.workloadSpec(id, URI.create(TARGET)));
  }

  @Test
  void refusesNoModelAndAFolderThatIsNoWorkloadImage() throws Exception {
    Map<String, String> env = environment(image(Language.JAVA));
    Run none = script(env);
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.stdout()).isEmpty();
    assertThat(none.stderr()).contains("FAREMARK_MODEL: expected a model id");

    env.put("FAREMARK_WORKLOAD_DIR", tmp.resolve("nothing").toString());
    Run elsewhere = script(env, "async");
    assertThat(elsewhere.exit()).isEqualTo(2);
    assertThat(elsewhere.stderr()).contains("not a faremark workload image");

    env.put("FAREMARK_MODEL", "Async; rm -rf /");
    env.put("FAREMARK_WORKLOAD_DIR", image(Language.JAVA).toString());
    Run odd = script(env);
    assertThat(odd.exit()).isEqualTo(2);
    assertThat(odd.stderr()).contains("expected a model id of lower-case letters");
  }

  /** A folder laid out as the language's image lays out /opt/faremark. */
  private Path image(Language language) throws IOException {
    Path home = tmp.resolve("image-" + language.id()).resolve("opt/faremark");
    Path launcher = switch (language) {
      case Language.Java java -> home.resolve("workload-java.jar");
      case Language.Python python -> home.resolve("python/run_model.py");
    };
    Files.createDirectories(launcher.getParent());
    Files.writeString(launcher, "");
    return home;
  }

  /** Only what the script reads: stubs first on the PATH, the spec written into {@code tmp}. */
  private Map<String, String> environment(Path home) throws IOException {
    Path bin = tmp.resolve("bin");
    Files.createDirectories(bin);
    for (String runtime : List.of("java", "python3", "pypy3")) {
      Path stub = bin.resolve(runtime);
      Files.writeString(stub, "#!/bin/sh\nbasename \"$0\"\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
      Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", bin + ":/usr/bin:/bin");
    env.put("TMPDIR", tmp.toString());
    env.put("FAREMARK_WORKLOAD_DIR", home.toString());
    env.put("FAREMARK_TARGET", TARGET);
    return env;
  }

  record Run(int exit, String stdout, String stderr) {}

  private Run script(Map<String, String> env, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("sh", SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    // Both streams on the side and every wait bounded: a script that hangs is killed and fails.
    var err = readAll(p.getErrorStream());
    var out = readAll(p.getInputStream());
    boolean exited = p.waitFor(30, TimeUnit.SECONDS);
    if (!exited) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(exited).as("run-model.sh finished").isTrue();
    return new Run(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
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
}
