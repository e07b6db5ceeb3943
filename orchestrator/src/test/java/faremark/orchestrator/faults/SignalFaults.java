package faremark.orchestrator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.contract.Json;
import faremark.orchestrator.lifecycle.LeftoverCensus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * SIGINT, SIGTERM and SIGKILL of the orchestrator at three points: before its stage is up,
 * while a run runs, and while the report is written. SIGINT and SIGTERM stop in order (the
 * run in flight recorded as interrupted, exit 130 / 143); SIGKILL cannot be handled, so the
 * watchdog must remove everything within seconds (the process's own exit code is 137).
 */
final class SignalFaults {
  private SignalFaults() {}

  enum Point {
    BEFORE_STAGE("before the stage is up"),
    MID_RUN("mid-run"),
    REPORT("while the report is written");

    final String said;

    Point(String said) {
      this.said = said;
    }
  }

  enum Signal {
    INT(130, "Ctrl-C"),
    TERM(143, "SIGTERM"),
    KILL(137, "");

    final int exit;
    final String stoppedBy;

    Signal(int exit, String stoppedBy) {
      this.exit = exit;
      this.stoppedBy = stoppedBy;
    }
  }

  static void run(Suite suite, String backend, Signal signal, Point point) throws Exception {
    String fault = "SIG" + signal + " of the orchestrator " + point.said;
    if (backend.equals("docker")) {
      suite.assumeDocker(fault);
    }
    Fixture f = Fixture.of(suite.tmp, "sig" + signal.name().toLowerCase() + "-" + point.name().toLowerCase(), backend);
    try (Suite.Recorder row = suite.row(fault, backend);
        SlowProxyApi slowProxy = new SlowProxyApi()) {
      boolean local = backend.equals("local");
      Path scenario = f.scenario("signal", scenario(local, point));
      String[] extra = local && point == Point.BEFORE_STAGE
          ? new String[] {"--proxy-url", slowProxy.url()} : new String[0];
      int exit;
      String console;
      long sentAt;
      try (CliProcess cli = f.run(scenario, extra)) {
        switch (point) {
          case BEFORE_STAGE -> {
            if (local) {
              cli.awaitCondition("the proxy API asked", slowProxy::asked, Suite.COMMAND);
            } else {
              cli.awaitLine("the results line", l -> l.startsWith("results: "), Suite.COMMAND);
            }
          }
          case MID_RUN -> {
            if (local) {
              cli.awaitCondition("the second run running", () -> f.census.running("sleep 300"), Suite.COMMAND);
            } else {
              cli.awaitCondition("the second run's container running",
                  () -> DockerCli.runningNamed(cli.pid(), "run", "r002"), Suite.COMMAND);
            }
          }
          case REPORT -> cli.awaitCondition("the report being written",
              () -> reportStarted(f.results), Suite.COMMAND);
        }
        boolean stageUp = cli.printed(l -> l.startsWith("fare-server: "));
        sentAt = System.nanoTime();
        cli.signal(signal.name());
        if (point == Point.BEFORE_STAGE) {
          assertThat(stageUp).as("the stage was already up when the signal was sent:\n" + cli.console())
              .isFalse();
          slowProxy.release();
        }
        if (point == Point.REPORT) {
          assertThat(reportFinished(f.results)).as("the report was already written").isFalse();
        }
        exit = cli.awaitExit(Suite.COMMAND);
        console = cli.console();
      }
      LeftoverCensus.Verdict left = f.leftBehind(signal == Signal.KILL ? Suite.CLEAN_AFTER_KILL : Suite.CLEAN_AT_EXIT);
      Duration cleanedAfter = Duration.ofNanos(System.nanoTime() - sentAt);
      ResultsCheck results = ResultsCheck.under(f.results);
      String watchdog = f.watchdogLog(results);

      // First, so that the table shows what was left even when a check below fails.
      row.left = left.describe() + (signal == Signal.KILL && left.clean()
          ? " (gone " + seconds(cleanedAfter) + " after the kill)" : "");
      row.outcome = outcome(signal, point, results, watchdog);
      if (signal == Signal.KILL && point != Point.REPORT) {
        assertThat(watchdog).as("the watchdog's account in faremark.log\n" + console)
            .contains("ended without cleaning up");
      } else if (point == Point.MID_RUN) {
        ResultsCheck.Run stopped = results.runs().getLast();
        assertThat(stopped.outcome()).as(console).isEqualTo("interrupted");
        assertThat(stopped.reason()).as(console).isEqualTo("stopped by " + signal.stoppedBy);
      }
      if (point != Point.REPORT && signal != Signal.KILL) {
        assertThat(console).as("the console says it stopped").contains(
            signal == Signal.INT ? "interrupted" : "terminated (SIGTERM)");
      }
      row.exit = exit + (exit == signal.exit ? "" : " (expected " + signal.exit + ")");
      assertThat(exit).as(console).isEqualTo(signal.exit);
      row.kept = results.reportReads();
      if (point != Point.BEFORE_STAGE) {
        assertThat(results.run(local ? "sequential" : "py-asyncio").outcome()).as("the run finished before")
            .isEqualTo("ok");
      }
      assertThat(left.leftBehind()).as("left behind; console:\n" + console + "\nwatchdog:\n" + watchdog)
          .isEmpty();
    }
  }

  private static String scenario(boolean local, Point point) {
    String models = switch (point) {
      case BEFORE_STAGE, MID_RUN -> local ? "[sequential, sleeper]" : "[py-asyncio, py-sequential]";
      case REPORT -> local ? "[sequential]" : "[py-asyncio]";
    };
    // No pre-flight in any fault scenario: each fault is aimed at the measured runs, and a
    // pre-flight would meet it first (and skip the model, or move the signal's moment).
    return """
        name: signal
        job: {days: %d}
        server: {serviceTime: 100ms}
        client: {concurrency: 10}
        models: %s
        repetitions: 1
        run: {timeout: 2m, preflight: false}
        external:
          sleeper:
            command: ["sh", "-c", "sleep 300", "{spec}"]
        """.formatted(local ? 4 : 200, models);
  }

  /** summary.json is written first, the PNG charts last: in between, the report is being written. */
  private static boolean reportStarted(Path results) {
    try {
      return folder(results).map(d -> Files.exists(d.resolve("summary.json"))).orElse(false);
    } catch (IOException e) {
      return false; // being created: not yet
    }
  }

  private static boolean reportFinished(Path results) throws IOException {
    Optional<Path> dir = folder(results);
    if (dir.isEmpty()) {
      return false;
    }
    try (Stream<Path> files = Files.list(dir.get())) {
      return Files.exists(dir.get().resolve("report.html"))
          && files.anyMatch(p -> p.getFileName().toString().endsWith(".png"));
    }
  }

  private static Optional<Path> folder(Path results) throws IOException {
    if (!Files.isDirectory(results)) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(results)) {
      return dirs.findFirst();
    }
  }

  private static String outcome(Signal signal, Point point, ResultsCheck results, String watchdog)
      throws IOException {
    StringBuilder s = new StringBuilder(results.outcomes());
    if (signal == Signal.KILL) {
      // By the report everything is closed and the watchdog told "done": nothing for it to do.
      s.append(point == Point.REPORT ? "; the report was cut short (faremark report rebuilds it)"
          : "; faremark.log: " + watchdog.lines().filter(l -> l.contains("ended without"))
              .findFirst().map(l -> "watchdog: process ended without cleaning up")
              .orElse("no watchdog line"));
    }
    if (results.dir().isPresent() && Files.exists(results.dir().get().resolve("summary.json"))) {
      boolean interrupted = Json.mapper().readTree(results.dir().get().resolve("summary.json").toFile())
          .path("interrupted").asBoolean();
      s.append("; summary interrupted=").append(interrupted);
    }
    return s.toString();
  }

  static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
