package faremark.orchestrator.faults;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import faremark.orchestrator.backend.docker.DockerTestSupport;
import faremark.orchestrator.faults.SignalFaults.Point;
import faremark.orchestrator.faults.SignalFaults.Signal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault suite (issue 17): the real {@code faremark} CLI, one small experiment per fault,
 * each fault injected on each backend where it applies, and for each: the outcome recorded with
 * its cause, the exit code, the finished runs on disk and readable by {@code faremark report},
 * and what was left behind (processes, cgroups, containers, networks, listening ports, temporary
 * files) counted by the {@link faremark.orchestrator.lifecycle.LeftoverCensus}: it must be zero.
 * Docker rows run where an engine and the base images are (CI's), else they are skipped with the
 * reason in the table. The table is printed at the end and written to target/fault-suite.md.
 */
class FaultSuiteIT {
  private static final FaultTable TABLE = new FaultTable();
  @TempDir static Path tmp;
  private static Suite suite;

  @BeforeAll
  static void setUp() {
    suite = new Suite(tmp, TABLE, DockerTestSupport.skipReason());
  }

  @AfterAll
  static void publish() throws Exception {
    TABLE.publish(Path.of("target", "fault-suite.md"));
  }

  @TestFactory
  Stream<DynamicTest> faults() {
    List<DynamicTest> tests = new ArrayList<>();
    tests.add(dynamicTest("workload crashes, hangs, outgrows its memory, prints garbage: local",
        () -> WorkloadFaults.local(suite)));
    tests.add(dynamicTest("workload hangs, outgrows its memory: docker",
        () -> WorkloadFaults.docker(suite)));
    for (String backend : List.of("local", "docker")) {
      for (Signal signal : Signal.values()) {
        for (Point point : Point.values()) {
          String name = "SIG" + signal + " " + point.said + ": " + backend;
          if (backend.equals("docker") && point == Point.REPORT) {
            // Minutes of CI saved: by the report the backend is closed, and what is left is the
            // same code on both backends.
            tests.add(dynamicTest(name, () -> suite.skip("SIG" + signal + " of the orchestrator "
                + point.said, backend, "the report is written after the backend has closed: the"
                + " same code as the local row")));
            continue;
          }
          tests.add(dynamicTest(name, () -> SignalFaults.run(suite, backend, signal, point)));
        }
      }
    }
    tests.add(dynamicTest("a run's process killed from outside: local",
        () -> OutsideFaults.localRunKilled(suite)));
    tests.add(dynamicTest("the fare server or the proxy killed from outside: local", () -> {
      suite.table.add(FaultTable.Row.skipped("the fare server killed from outside mid-run", "local",
          "it runs inside the orchestrator's JVM on the local backend: killing it is SIGKILL of the orchestrator"));
      suite.table.add(FaultTable.Row.skipped("the proxy killed from outside mid-run", "local",
          "it runs inside the orchestrator's JVM on the local backend: killing it is SIGKILL of the orchestrator"));
    }));
    tests.add(dynamicTest("a run's container killed from outside: docker",
        () -> OutsideFaults.dockerKilled(suite, "run", "a run's container", "crashed", "exited with 137")));
    tests.add(dynamicTest("the fare server killed from outside: docker",
        () -> OutsideFaults.dockerKilled(suite, "fare-server", "the fare server's container", "failed-requests", "requests failed")));
    tests.add(dynamicTest("the proxy killed from outside: docker",
        () -> OutsideFaults.dockerKilled(suite, "proxy", "the proxy's container", "failed-requests", "requests failed")));
    tests.add(dynamicTest("the Docker engine stopped mid-run: docker", () -> EngineFaults.engineStopped(suite)));
    tests.add(dynamicTest("port taken: shaper -port", () -> ResourceFaults.portTaken(suite, "shaper -port")));
    tests.add(dynamicTest("port taken: fare-server --port", () -> ResourceFaults.portTaken(suite, "fare-server --port")));
    tests.add(dynamicTest("port taken: compose's published ports", () -> ComposeFaults.publishedPortTaken(suite)));
    tests.add(dynamicTest("results folder unwritable: local", () -> ResourceFaults.resultsUnwritable(suite)));
    tests.add(dynamicTest("results disk full: local", () -> ResourceFaults.diskFull(suite)));
    tests.add(dynamicTest("concurrency above the fd limit: local", () -> ResourceFaults.fdLimit(suite)));
    // -Dfaremark.faults.only=<text>[,<text>...]: only the rows whose name contains one of them.
    List<String> only = List.of(System.getProperty("faremark.faults.only", "").split(","));
    return tests.stream().filter(t -> only.stream().anyMatch(t.getDisplayName()::contains));
  }
}
