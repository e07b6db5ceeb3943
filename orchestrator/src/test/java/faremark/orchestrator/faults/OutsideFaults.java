package faremark.orchestrator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.lifecycle.LeftoverCensus;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Something of the experiment killed from outside while a run runs: the run's own process or
 * container, the fare server's or the proxy's container. The run is recorded with the cause, the
 * experiment ends with exit 1 (carrying on where it can), and nothing is left behind.
 */
final class OutsideFaults {
  private OutsideFaults() {}

  /** kill -9 of the run's process (its child, orphaned, is still in the run's cgroup). */
  static void localRunKilled(Suite suite) throws Exception {
    String fault = "a run's process killed from outside (SIGKILL) mid-run";
    Fixture f = Fixture.of(suite.tmp, "run-killed", "local");
    try (Suite.Recorder row = suite.row(fault, "local")) {
      Path scenario = f.scenario("outside", """
          name: outside
          job: {days: 2}
          server: {serviceTime: 1ms}
          models: [sleeper, sequential]
          repetitions: 1
          run: {timeout: 2m, preflight: false}
          external:
            sleeper:
              command: ["sh", "-c", "sleep 300", "{spec}"]
          """);
      int exit;
      String console;
      try (CliProcess cli = f.run(scenario)) {
        // Wait for sleep itself: until it has exec'd, the shell's forked child still carries
        // the shell's command line, and a match on it finds two shells
        cli.awaitCondition("the run's sleep", () -> sleep(f).isPresent(), Suite.COMMAND);
        ProcessHandle shell = sleep(f).flatMap(ProcessHandle::parent).orElseThrow();
        assertThat(f.census.pids("sh -c sleep 300")).as("the run's own process (sh, parent of sleep)")
            .containsExactly(shell.pid());
        CliProcess.signal(shell.pid(), "KILL");
        exit = cli.awaitExit(Suite.COMMAND);
        console = cli.console();
      }
      finish(row, f, exit, console, "sleeper", "crashed", "exited with 137", "sequential");
    }
  }

  /** The run's {@code sleep 300} once it runs the sleep binary (no longer its shell's fork). */
  private static Optional<ProcessHandle> sleep(Fixture f) {
    return f.census.pids("sleep 300").stream().map(ProcessHandle::of).flatMap(Optional::stream)
        .filter(h -> h.info().command().map(c -> c.endsWith("/sleep")).orElse(false))
        .findFirst();
  }

  /** {@code docker kill} of a container of the experiment in {@code role} while run 1 runs. */
  static void dockerKilled(Suite suite, String role, String what, String expectOutcome,
      String expectReason) throws Exception {
    String fault = what + " killed from outside (docker kill) mid-run";
    suite.assumeDocker(fault);
    Fixture f = Fixture.of(suite.tmp, "killed-" + role, "docker");
    try (Suite.Recorder row = suite.row(fault, "docker")) {
      Path scenario = f.scenario("outside", """
          name: outside
          job: {days: 200}
          server: {serviceTime: 100ms}
          client: {concurrency: 10}
          models: [py-sequential, py-asyncio]
          repetitions: 1
          run: {timeout: 2m, preflight: false}
          """);
      int exit;
      String console;
      try (CliProcess cli = f.run(scenario)) {
        cli.awaitCondition("run 1's container running",
            () -> DockerCli.runningNamed(cli.pid(), "run", "r001"), Suite.COMMAND);
        List<String> victims = DockerCli.running(cli.pid(), role);
        assertThat(victims).as("the " + role + " container").hasSize(1);
        DockerCli.run("kill", victims.getFirst());
        exit = cli.awaitExit(Suite.COMMAND);
        console = cli.console();
      }
      if (role.equals("fare-server")) {
        assertThat(console).as("says why it stopped").contains("stopped answering during run 001");
      }
      finish(row, f, exit, console, "py-sequential", expectOutcome, expectReason,
          role.equals("run") ? "py-asyncio" : null);
    }
  }

  private static void finish(Suite.Recorder row, Fixture f, int exit, String console,
      String model, String outcome, String because, String carriesOnWith) throws Exception {
    ResultsCheck results = ResultsCheck.under(f.results);
    LeftoverCensus.Verdict left = f.leftBehind(Suite.CLEAN_AT_EXIT);
    row.outcome = results.outcomes() + errorLine(console);
    ResultsCheck.Run run = results.run(model);
    assertThat(run.outcome()).as(console).isEqualTo(outcome);
    assertThat(run.reason()).as(console).contains(because);
    if (carriesOnWith != null) {
      assertThat(results.run(carriesOnWith).outcome()).as("the experiment carries on").isEqualTo("ok");
    }
    row.exit = Integer.toString(exit);
    assertThat(exit).as(console).isEqualTo(1);
    row.kept = results.reportReads();
    row.left = left.describe();
    assertThat(left.leftBehind()).as("left behind; console:\n" + console).isEmpty();
  }

  /** faremark's own error line, if it ended with one. */
  static String errorLine(String console) {
    // contains: a progress line still open ("[2/3] model #1 ... ") may precede it on its line
    return console.lines().filter(l -> l.contains("faremark run: ")).findFirst()
        .map(l -> "; console: " + ResultsCheck.shorten(l.substring(l.indexOf("faremark run: "))))
        .orElse("");
  }
}
