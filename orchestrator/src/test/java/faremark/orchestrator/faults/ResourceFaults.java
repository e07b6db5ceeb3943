package faremark.orchestrator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.fareserver.FareServerMain;
import faremark.orchestrator.TestJvm;
import faremark.orchestrator.lifecycle.LeftoverCensus;
import faremark.shaper.ShaperMain;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What faremark needs from the machine, taken away: a port it must listen on, a results folder
 * it can write, room on that disk, enough file descriptors for the concurrency asked for.
 */
final class ResourceFaults {
  private ResourceFaults() {}

  /** {@code -port} / {@code --port} already taken: a clear error naming it, exit 2. */
  static void portTaken(Suite suite, String program) throws Exception {
    String fault = "a port it needs already taken (" + program + ")";
    Fixture f = Fixture.of(suite.tmp, "port-" + program.replaceAll("[^a-z]", ""), "local");
    try (Suite.Recorder row = suite.row(fault, "local");
        ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      List<String> command = new ArrayList<>(TestJvm.java());
      command.addAll(f.census.jvmOptions());
      command.addAll(List.of("-cp", System.getProperty("java.class.path")));
      if (program.startsWith("shaper")) {
        command.addAll(List.of(ShaperMain.class.getName(), "-host", "127.0.0.1", "-port", Integer.toString(port)));
      } else {
        command.addAll(List.of(FareServerMain.class.getName(), "--host=127.0.0.1", "--port=" + port));
      }
      Process p = f.census.marked(new ProcessBuilder(command)).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String console = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      boolean ended = p.waitFor(1, TimeUnit.MINUTES);
      if (!ended) {
        p.destroyForcibly();
      }
      assertThat(ended).as("ends by itself: " + console).isTrue();
      LeftoverCensus.Verdict left = f.leftBehind(Suite.CLEAN_AT_EXIT);
      row.outcome = "console: " + ResultsCheck.shorten(console.lines()
          .filter(l -> l.contains(Integer.toString(port))).findFirst().orElse("(no line names the port)"));
      assertThat(console).as("names the port").contains(Integer.toString(port));
      row.exit = Integer.toString(p.exitValue());
      assertThat(p.exitValue()).as(console).isEqualTo(2);
      row.kept = "- (nothing started)";
      row.left = left.describe();
      assertThat(left.leftBehind()).isEmpty();
    }
  }

  /** The results root on a read-only mount: exit 1 naming the folder and the reason. */
  static void resultsUnwritable(Suite suite) throws Exception {
    String fault = "the results folder unwritable (read-only mount)";
    Fixture f = Fixture.of(suite.tmp, "unwritable", "local");
    Path mount = Files.createDirectories(f.results);
    if (!Mounts.bindReadOnly(mount)) {
      suite.skip(fault, "local", "cannot bind-mount here (needs root): " + Mounts.lastError());
    }
    try (Suite.Recorder row = suite.row(fault, "local")) {
      Path scenario = f.scenario("unwritable", """
          name: unwritable
          job: {days: 2}
          server: {serviceTime: 1ms}
          models: [sequential]
          repetitions: 1
          run: {preflight: false}
          """);
      int exit;
      String console;
      try (CliProcess cli = f.run(scenario)) {
        exit = cli.awaitExit(Suite.COMMAND);
        console = cli.console();
      }
      LeftoverCensus.Verdict left = f.leftBehind(Suite.CLEAN_AT_EXIT);
      row.outcome = "console:" + OutsideFaults.errorLine(console).replaceFirst("^; console:", "");
      assertThat(console).as("names the folder and why").contains(mount.toString())
          .contains("Read-only file system");
      row.exit = Integer.toString(exit);
      assertThat(exit).as(console).isEqualTo(1);
      row.kept = "- (no run could start)";
      row.left = left.describe();
      assertThat(left.leftBehind()).isEmpty();
    } finally {
      Mounts.unmount(mount);
    }
  }

  /**
   * The results root a 256 KiB tmpfs that the second run's stderr fills: exit 1 naming the
   * folder and "No space left on device", the first run intact and readable by {@code faremark
   * report} (once there is room for the report: the tmpfs is made larger first).
   */
  static void diskFull(Suite suite) throws Exception {
    String fault = "the results disk full mid-experiment (256 KiB tmpfs)";
    Fixture f = Fixture.of(suite.tmp, "disk-full", "local");
    Path mount = Files.createDirectories(f.results);
    if (!Mounts.tmpfs(mount, "256k")) {
      suite.skip(fault, "local", "cannot mount a tmpfs here (needs root): " + Mounts.lastError());
    }
    try (Suite.Recorder row = suite.row(fault, "local")) {
      Path scenario = f.scenario("full", """
          name: full
          job: {days: 2}
          server: {serviceTime: 1ms}
          models: [sequential, filler, virtual-threads]
          repetitions: 1
          run: {preflight: false}
          external:
            filler:
              command: ["sh", "-c", "head -c 2000000 /dev/zero >&2; exit 0", "{spec}"]
          """);
      int exit;
      String console;
      try (CliProcess cli = f.run(scenario)) {
        exit = cli.awaitExit(Suite.COMMAND);
        console = cli.console();
      }
      LeftoverCensus.Verdict left = f.leftBehind(Suite.CLEAN_AT_EXIT);
      row.outcome = "console:" + OutsideFaults.errorLine(console).replaceFirst("^; console:", "");
      assertThat(console).as("names the folder and why").contains(mount.toString())
          .contains("No space left on device");
      row.exit = Integer.toString(exit);
      assertThat(exit).as(console).isEqualTo(1);
      assertThat(Mounts.resize(mount, "16m")).as("room for the report: " + Mounts.lastError()).isTrue();
      ResultsCheck results = ResultsCheck.under(f.results);
      row.kept = results.reportReads();
      assertThat(results.run("sequential").outcome()).as("the first run, intact").isEqualTo("ok");
      row.left = left.describe();
      assertThat(left.leftBehind()).isEmpty();
    } finally {
      Mounts.unmount(mount);
    }
  }

  /**
   * A concurrency the open-file limit cannot hold (each connection is a descriptor): refused
   * before anything starts, with both numbers, exit 2.
   */
  static void fdLimit(Suite suite) throws Exception {
    String fault = "concurrency above the file-descriptor limit (prlimit --nofile=256)";
    if (!Files.isExecutable(Path.of("/usr/bin/prlimit"))) {
      suite.skip(fault, "local", "no /usr/bin/prlimit (util-linux)");
    }
    Fixture f = Fixture.of(suite.tmp, "fd-limit", "local");
    try (Suite.Recorder row = suite.row(fault, "local")) {
      Path scenario = f.scenario("many", """
          name: many
          job: {days: 2000}
          server: {serviceTime: 1ms}
          client: {concurrency: 2000}
          models: [virtual-threads]
          repetitions: 1
          """);
      int exit;
      String console;
      // Soft and hard: a JVM raises its soft limit to the hard one as it starts.
      try (CliProcess cli = f.run(List.of("/usr/bin/prlimit", "--nofile=256:256", "--"),
          java.util.Map.of(), scenario)) {
        exit = cli.awaitExit(Suite.COMMAND);
        console = cli.console();
      }
      LeftoverCensus.Verdict left = f.leftBehind(Suite.CLEAN_AT_EXIT);
      row.outcome = "console: " + ResultsCheck.shorten(console.lines()
          .filter(l -> l.contains("256")).findFirst().orElse("(no line names the limit 256)"));
      row.exit = exit + (exit == 2 ? "" : " (expected 2)");
      row.kept = ResultsCheck.under(f.results).dir().isPresent() ? "a results folder was made"
          : "- (nothing started)";
      row.left = left.describe();
      assertThat(exit).as("refused before anything starts (the check of issue 17's"
          + " 'concurrency above the file-descriptor limit'):\n" + console).isEqualTo(2);
      assertThat(console).as("both numbers").contains("256").contains("2000");
      assertThat(ResultsCheck.under(f.results).dir()).as("nothing started").isEmpty();
      assertThat(left.leftBehind()).isEmpty();
    }
  }
}
