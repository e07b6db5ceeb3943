package faremark.orchestrator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.backend.local.CgroupSupport;
import faremark.orchestrator.lifecycle.LeftoverCensus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Workloads that go wrong on their own: one that crashes, one that hangs past the run's timeout,
 * one that outgrows its memory limit, one that prints garbage on stdout. One experiment holds
 * them all (and an ok run after them: the experiment carries on); each is its own row.
 */
final class WorkloadFaults {
  private WorkloadFaults() {}

  /** Local: each fault an external command, as a user's own program would misbehave. */
  static void local(Suite suite) throws Exception {
    boolean oom = CgroupSupport.detect().available() && Files.isExecutable(Path.of("/usr/bin/python3"));
    Fixture f = Fixture.of(suite.tmp, "workloads", "local");
    List<String> models = new ArrayList<>(List.of("crasher", "hanger", "garbage"));
    if (oom) {
      models.add("hog");
    }
    models.add("sequential");
    Path scenario = f.scenario("workload-faults", """
        name: workload-faults
        job: {days: 2}
        server: {serviceTime: 1ms}
        models: %s
        repetitions: 1
        run: {timeout: 4s, memoryLimit: 160MiB, preflight: false}
        external:
          crasher:
            command: ["sh", "-c", "echo 'faremark fault suite: crashing on purpose' >&2; exit 3", "{spec}"]
          hanger:
            command: ["sh", "-c", "sleep 300", "{spec}"]
          garbage:
            command: ["sh", "-c", "head -c 3000 /dev/urandom; echo; echo '{not json'; exit 0", "{spec}"]
          hog:
            command: ["/usr/bin/python3", "-c", "x = bytearray(1 << 30)", "{spec}"]
        """.formatted(models));
    int exit;
    String console;
    try (CliProcess cli = f.run(scenario)) {
      exit = cli.awaitExit(Suite.COMMAND);
      console = cli.console();
    }
    ResultsCheck results = ResultsCheck.under(f.results);
    LeftoverCensus.Verdict left = f.leftBehind(Suite.CLEAN_AT_EXIT);
    String kept = results.reportReads();
    record Expect(String fault, String model, String outcome, String because) {}
    List<Expect> expected = new ArrayList<>(List.of(
        new Expect("workload crashes (exit 3)", "crasher", "crashed", "exited with 3"),
        new Expect("workload hangs past the run timeout", "hanger", "timed-out", "run timeout"),
        new Expect("workload prints garbage on stdout", "garbage", "crashed", "")));
    if (oom) {
      expected.add(new Expect("workload exceeds its memory limit", "hog", "oom-killed", "OOM killer"));
    } else {
      suite.table.add(FaultTable.Row.skipped("workload exceeds its memory limit", "local",
          "no cgroup can be made here, or no /usr/bin/python3"));
    }
    AssertionError failed = null;
    for (Expect e : expected) {
      try (Suite.Recorder row = suite.row(e.fault(), "local")) {
        try {
          ResultsCheck.Run run = results.run(e.model());
          row.outcome = run.describe();
          assertThat(run.outcome()).as(console).isEqualTo(e.outcome());
          assertThat(run.reason()).as(console).contains(e.because());
          row.exit = exit + " (one experiment, 1 expected)";
          assertThat(exit).as(console).isEqualTo(1);
          row.kept = kept + "; next run ok: " + results.run("sequential").outcome();
          assertThat(results.run("sequential").outcome()).as("the experiment carries on").isEqualTo("ok");
          row.left = left.describe();
          assertThat(left.leftBehind()).as("left behind").isEmpty();
        } catch (AssertionError a) {
          failed = failed == null ? a : failed;
        }
      }
    }
    if (failed != null) {
      throw failed;
    }
  }

  /**
   * Docker runs only the images' models, so the faults are the ones a built-in model can have:
   * past the run timeout (a slow job), over the memory limit (four worker JVMs in 64 MiB). A
   * crash is the "run's container killed from outside" row; garbage needs an external command.
   */
  static void docker(Suite suite) throws Exception {
    suite.assumeDocker("workload hangs past the run timeout / exceeds its memory limit");
    suite.table.add(FaultTable.Row.skipped("workload crashes (exit 3)", "docker",
        "only external commands crash at will and they run on the local backend; a crashed"
            + " container is the 'run's container killed from outside' row"));
    suite.table.add(FaultTable.Row.skipped("workload prints garbage on stdout", "docker",
        "the images' models print the contract; external commands run on the local backend only"));
    Fixture f = Fixture.of(suite.tmp, "workloads", "docker");
    Path scenario = f.scenario("workload-faults-docker", """
        name: workload-faults-docker
        job: {days: 100}
        server: {serviceTime: 100ms}
        client: {concurrency: 10, processes: 4}
        models: [multi-process, py-sequential, py-asyncio]
        repetitions: 1
        run: {timeout: 8s, memoryLimit: 64MiB, preflight: false}
        """);
    int exit;
    String console;
    try (CliProcess cli = f.run(scenario)) {
      exit = cli.awaitExit(Suite.COMMAND);
      console = cli.console();
    }
    ResultsCheck results = ResultsCheck.under(f.results);
    LeftoverCensus.Verdict left = f.leftBehind(Suite.CLEAN_AT_EXIT);
    String kept = results.reportReads();
    AssertionError failed = null;
    for (String[] e : new String[][] {
        {"workload hangs past the run timeout", "py-sequential", "timed-out"},
        {"workload exceeds its memory limit", "multi-process", "oom-killed"}}) {
      try (Suite.Recorder row = suite.row(e[0], "docker")) {
        try {
          ResultsCheck.Run run = results.run(e[1]);
          row.outcome = run.describe();
          assertThat(run.outcome()).as(console).isEqualTo(e[2]);
          row.exit = exit + " (one experiment, 1 expected)";
          assertThat(exit).as(console).isEqualTo(1);
          row.kept = kept + "; next run ok: " + results.run("py-asyncio").outcome();
          assertThat(results.run("py-asyncio").outcome()).as(console).isEqualTo("ok");
          row.left = left.describe();
          assertThat(left.leftBehind()).as("left behind").isEmpty();
        } catch (AssertionError a) {
          failed = failed == null ? a : failed;
        }
      }
    }
    if (failed != null) {
      throw failed;
    }
  }
}
