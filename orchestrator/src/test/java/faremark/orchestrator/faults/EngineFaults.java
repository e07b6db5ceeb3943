package faremark.orchestrator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.Requirement;
import faremark.orchestrator.backend.docker.BaseImages;
import faremark.orchestrator.backend.docker.Labels;
import faremark.orchestrator.lifecycle.LeftoverCensus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Docker engine stopped while a run runs. The engine is shared, so the row starts one of its
 * own ({@link SecondEngine}), copies the offline base images into it from the shared one, runs
 * the real CLI against it (DOCKER_HOST, host network in the engine's namespace) and stops the
 * engine with SIGTERM once run 2's container runs. Expected: run 1 ok and on disk, the run in
 * flight recorded with what it saw, exit 1 with one line that names the engine, nothing of
 * faremark's left running. Then the engine is started again on the same data root: it still has
 * the stopped experiment's containers (an engine keeps stopped containers; faremark could not
 * remove them while it was down), and the next faremark start on it must sweep them.
 */
final class EngineFaults {
  private static final String FAULT = "the Docker engine stopped mid-run";

  private EngineFaults() {}

  static void engineStopped(Suite suite) throws Exception {
    suite.assumeDocker(FAULT);
    SecondEngine.unavailable().ifPresent(why -> suite.skip(FAULT, "docker", why));
    long rowStart = System.nanoTime();
    Fixture f = Fixture.of(suite.tmp, "engine-stopped", "docker");
    Duration[] load = {null};
    SecondEngine started;
    try {
      started = SecondEngine.start();
    } catch (IOException e) {
      // Where docker is required (CI), an engine that will not start is a failure, not a skip.
      if (Requirement.required(System.getenv(Requirement.VARIABLE)).contains(Requirement.DOCKER)) {
        throw e;
      }
      suite.skip(FAULT, "docker", "a second engine could not be started here: " + e.getMessage());
      return;
    }
    try (SecondEngine engine = started;
        Suite.Recorder row = suite.row(FAULT, "docker")) {
      // The bases only: faremark builds its images on this engine itself (measured on a loaded
      // 2-core machine: loading the bases 13 to 26 s, building the three images ~8 s; loading the
      // built images too would save the build but load as many bytes, the bases being in them).
      long loadStart = System.nanoTime();
      engine.loadFromSharedEngine(List.of(BaseImages.OFFLINE_JRE, BaseImages.OFFLINE_PYTHON));
      load[0] = Duration.ofNanos(System.nanoTime() - loadStart);
      Path scenario = f.scenario("engine", """
          name: engine
          job: {days: 200}
          server: {serviceTime: 100ms}
          client: {concurrency: 10}
          models: [py-asyncio, py-sequential]
          repetitions: 1
          run: {timeout: 2m, preflight: false}
          """);
      int exit;
      String console;
      Duration stopped;
      try (CliProcess cli = f.run(engine.joinNetwork(), environment(engine), scenario)) {
        cli.awaitCondition("run 2's container running on the second engine",
            () -> running(engine, cli.pid(), "r002"), Suite.COMMAND);
        stopped = engine.stop();
        exit = cli.awaitExit(Suite.COMMAND);
        console = cli.console();
      }
      LeftoverCensus.Verdict left = f.leftBehind(Suite.CLEAN_AT_EXIT);
      ResultsCheck results = ResultsCheck.under(f.results);
      String error = console.lines().filter(l -> l.contains("faremark run: ")).findFirst().orElse("");
      row.outcome = results.outcomes() + "; console: " + engineClause(error, engine);
      row.left = left.describe();
      ResultsCheck.Run inFlight = results.run("py-sequential");
      assertThat(inFlight.outcome()).as(console).isNotEqualTo("ok");
      Path record = results.dir().orElseThrow().resolve("runs").resolve(inFlight.id()).resolve("run.json");
      assertThat(Files.readString(record)).as("the run in flight's record (its server stats) names the engine")
          .contains("the Docker engine at " + engine.host());
      assertThat(results.run("py-asyncio").outcome()).as("the run finished before").isEqualTo("ok");
      assertThat(error).as("one line naming the engine:\n" + console)
          .contains("the Docker engine at " + engine.host());
      row.exit = exit + (exit == 1 ? "" : " (expected 1)");
      assertThat(exit).as(console).isEqualTo(1);
      row.kept = results.reportReads();
      assertThat(left.leftBehind()).as("left behind; console:\n" + console).isEmpty();

      // The engine again, on the same data root: what it kept, and the next start's sweep.
      engine.startDaemon();
      f.census.docker(engine.host());
      List<String> kept = f.census.take().items().stream()
          .filter(i -> i.endsWith(" on " + engine.host())).toList();
      Path next = f.scenario("next", """
          name: next
          job: {days: 2}
          server: {serviceTime: 1ms}
          models: [py-asyncio]
          repetitions: 1
          run: {timeout: 1m, preflight: false}
          """);
      int nextExit;
      String nextConsole;
      try (CliProcess cli = f.run(engine.joinNetwork(), environment(engine), next)) {
        nextExit = cli.awaitExit(Suite.COMMAND);
        nextConsole = cli.console();
      }
      LeftoverCensus.Verdict afterSweep = f.leftBehind(Suite.CLEAN_AT_EXIT);
      // What the engine keeps depends on the race: faremark removes its containers through the
      // connections it already holds while the engine stops the containers (it only closed its
      // listening socket); a faremark slower than that leaves them, and the next start removes them.
      row.left = left.describe() + "; engine restarted on its data root: " + (kept.isEmpty()
          ? "none of its containers kept (faremark removed them while the engine stopped)"
          : kept.size() + " container(s) kept, the next start removed them")
          + (afterSweep.clean() ? ", 0 left" : ", left: " + afterSweep.describe())
          + " (engine stop " + SignalFaults.seconds(stopped) + ")";
      if (!kept.isEmpty()) {
        assertThat(nextConsole).as("the sweep at the next start")
            .containsPattern("removed container .* left by an earlier faremark run");
      }
      assertThat(nextExit).as("the next experiment on the restarted engine\n" + nextConsole).isEqualTo(0);
      assertThat(afterSweep.leftBehind()).as("left behind after the next start\n" + nextConsole).isEmpty();
    } finally {
      System.out.println("[faremark] " + FAULT + ": row took "
          + SignalFaults.seconds(Duration.ofNanos(System.nanoTime() - rowStart))
          + (load[0] == null ? "" : ", the bases loaded into the second engine in "
              + SignalFaults.seconds(load[0])));
    }
  }

  /**
   * The error line from where it names the engine, with the engine's temporary socket as
   * {@code <its socket>} (the table is quoted in the docs), or the line as it is.
   */
  private static String engineClause(String error, SecondEngine engine) {
    int at = error.indexOf("the Docker engine");
    String said = at < 0 ? error.substring(Math.max(0, error.indexOf("faremark run: ")))
        : "faremark run: ... " + error.substring(at);
    // faremark's own words, whole: the part that names the engine is what the row is about
    return said.replace(engine.host(), "unix://<its socket>").replaceAll("\\); the experiment stops here$", "");
  }

  /** The CLI's environment on the second engine: its socket, host networking, no Ryuk. */
  private static Map<String, String> environment(SecondEngine engine) {
    return Map.of("DOCKER_HOST", engine.host(), "FAREMARK_DOCKER_NETWORK", "host",
        "TESTCONTAINERS_HOST_OVERRIDE", "localhost", "TESTCONTAINERS_RYUK_DISABLED", "true");
  }

  /** Whether {@code owner}'s run container with {@code fragment} in its name runs there. */
  private static boolean running(SecondEngine engine, long owner, String fragment) {
    try {
      List<String> args = new ArrayList<>(List.of("ps", "--filter",
          "label=" + Labels.OWNER_PID + "=" + owner,
          "--filter", "status=running", "--format", "{{.Names}}"));
      return engine.docker(args.toArray(String[]::new)).stream().anyMatch(n -> n.contains(fragment));
    } catch (IOException e) {
      return false;
    }
  }
}
