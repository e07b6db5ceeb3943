package faremark.orchestrator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import faremark.contract.DataSize;
import faremark.orchestrator.scenario.ScenarioException.Problem;
import faremark.orchestrator.scenario.ScenarioLimits.Finding;
import faremark.orchestrator.scenario.ScenarioLimits.Severity;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ScenarioLimitsTest {
  /** A machine with 1024 open files (soft = hard), the usual port range and 4 GiB. */
  static final MachineFacts SMALL = new MachineFacts(OptionalLong.of(1024), OptionalLong.of(1024),
      Optional.of(List.of(32768, 60999)), OptionalLong.of(4L << 30));

  private static Scenario parse(String yaml) throws ScenarioException {
    return ScenarioLoader.parse(yaml, "x.yaml", Optional.empty());
  }

  @Test
  void theSeedScenarioIsWithinEveryLimit() throws Exception {
    Scenario s = ScenarioLoader.load(ScenarioFiles.repoRoot().resolve("scenarios/seed.yaml"), SMALL);
    assertThat(ScenarioLimits.check(s, SMALL)).isEmpty();
  }

  @Test
  void theServerLimitsAreFunctionsOfTheValuesNotOfTheFile() {
    assertThat(ScenarioLimits.server(new Job(ScenarioDefaults.ROUTE, ScenarioDefaults.START_DATE,
        ScenarioLimits.MAX_DAYS), DataSize.ofBytes(1))).isEmpty();
    List<Finding> f = ScenarioLimits.server(
        new Job(ScenarioDefaults.ROUTE, ScenarioDefaults.START_DATE, ScenarioLimits.MAX_DAYS + 1),
        DataSize.ofMiB(65));
    assertThat(f).extracting(Finding::field).containsExactly("server.payload", "job.days");
    assertThat(f).allMatch(x -> x.severity() == Severity.REFUSED);
    // exactly at the bound is fine, one day more is not
    Job d128 = new Job(ScenarioDefaults.ROUTE, ScenarioDefaults.START_DATE, 128);
    Job d129 = new Job(ScenarioDefaults.ROUTE, ScenarioDefaults.START_DATE, 129);
    assertThat(ScenarioLimits.server(d128, DataSize.ofMiB(8))).isEmpty();
    assertThat(ScenarioLimits.server(d129, DataSize.ofMiB(8))).singleElement()
        .satisfies(x -> assertThat(x.fields()).containsExactly("server.payload", "job.days"));
  }

  @Test
  void tooManyConnectionsForTheOpenFileLimitAreRefusedWithTheNumbersAndTheFix() throws Exception {
    // 400 do not fit faremark's process (3 each), but fit once server and proxy run apart
    ScenarioLoader.parse("job:\n  days: 1000\nclient:\n  concurrency: 400\n", "x.yaml",
        Optional.empty(), SMALL);
    ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.parse(
        "job:\n  days: 1000\nclient:\n  concurrency: 950\n", "x.yaml", Optional.empty(), SMALL));
    assertThat(e).isNotNull();
    // the workload and the fare server, 950 + 128 each; the proxy spreads over processes
    assertThat(e.problems()).hasSize(2).allSatisfy(p -> {
      assertThat(p.field()).isEqualTo("client.concurrency");
      assertThat(p.line()).isEqualTo(4);
      assertThat(p.message()).contains("950 connections in flight need about 1078 open files",
          "limit of 1024", "ulimit -Hn 1078", "--ulimit nofile=1078:1078", "at most 896 at once");
    });
    assertThat(e.problems()).extracting(Problem::message).anyMatch(m -> m.contains("the workload"))
        .anyMatch(m -> m.contains("the fare server"));
  }

  @Test
  void connectionsAreBoundedByTheDaysAndRaisedByProcesses() throws Exception {
    // 30000 concurrency but 100 days: never more than 100 requests at once
    Scenario s = parse("client:\n  concurrency: 30000\n");
    assertThat(ScenarioLimits.connectionsAtOnce(s.job(), s.client())).isEqualTo(100);
    Scenario p = parse("client:\n  concurrency: 2\n  processes: 50\n");
    assertThat(ScenarioLimits.connectionsAtOnce(p.job(), p.client())).isEqualTo(50);
    MachineFacts tiny = new MachineFacts(OptionalLong.of(300), OptionalLong.of(300),
        Optional.of(List.of(40000, 40009)), OptionalLong.empty());
    // 50 connections fit 300 open files once server and proxy run apart; 10 ports do not
    assertThat(ScenarioLimits.machine(p.job(), p.client(), tiny))
        .extracting(Finding::field).containsExactly("client.processes");
    assertThat(ScenarioLimits.machine(p.job(), p.client(), tiny).get(0).message())
        .contains("kernel hands out 10 (net.ipv4.ip_local_port_range 40000-40009)");
  }

  @Test
  void workerProcessesBeyondTheMachinesMemoryAreRefusedAutoIsLeftToTheModel() throws Exception {
    ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.parse(
        "models: [multi-process, py-multiprocessing, async]\njob:\n  days: 3000\nclient:\n"
            + "  concurrency: 100\n  processes: 300\n", "x.yaml", Optional.empty(), SMALL));
    assertThat(e).isNotNull();
    Problem p = e.problems().get(0);
    assertThat(p.field()).isEqualTo("client.processes");
    assertThat(p.line()).isEqualTo(6);
    // 4 GiB: 63 JVMs of 65 MiB, 215 interpreters of 19 MiB; the tighter bound is named
    assertThat(e.problems()).hasSize(1);
    assertThat(p.message()).contains("300 worker processes need more memory than this machine's"
        + " 4.00 GiB", "multi-process (~19.04 GiB, ~65.0 MiB each)", "py-multiprocessing (~5.57 GiB",
        "expected at most 63 processes", "processes: auto");
    // auto: the models choose min(concurrency, cores x 4, days) themselves
    assertThat(ScenarioLimits.workers(List.of("multi-process"),
        parse("client:\n  concurrency: 10000\n").client(), SMALL)).isEmpty();
    // a model without worker processes is not concerned
    assertThat(ScenarioLimits.workers(List.of("async"),
        parse("client:\n  processes: 1000\n").client(), SMALL)).isEmpty();
  }

  @Test
  void anUnknownMachineChecksNothingOfTheMachine() throws Exception {
    Scenario s = parse("job:\n  days: 3000\nclient:\n  concurrency: 3000\n");
    assertThat(ScenarioLimits.machine(s.job(), s.client(), MachineFacts.UNKNOWN)).isEmpty();
  }

  @Test
  void aMemoryLimitBelowTheRuntimesBaselineIsAWarningNamingTheModels() throws Exception {
    Scenario s = parse("models: [sequential, py-asyncio, multi-process]\nclient:\n  processes: 4\n"
        + "run:\n  memoryLimit: 48MiB\n");
    List<Finding> w = ScenarioLimits.warnings(s, MachineFacts.UNKNOWN);
    assertThat(w).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.WARNING);
      assertThat(f.field()).isEqualTo("run.memoryLimit");
      // 65 MiB per JVM, five JVMs for multi-process; CPython's 19 MiB fits
      assertThat(f.message()).contains("sequential (~65.0 MiB)", "multi-process (~325.0 MiB)")
          .doesNotContain("py-asyncio");
      assertThat(f.toString()).startsWith("warning: run.memoryLimit: 48MiB is below");
    });
    assertThat(ScenarioLimits.warnings(parse("run:\n  memoryLimit: 64MiB\nmodels: [py-asyncio]\n"),
        MachineFacts.UNKNOWN)).isEmpty();
  }

  @Test
  void pagesTheCacheCannotHoldAndBodiesBeyondTheMachinesMemoryAreWarnings() throws Exception {
    Scenario s = parse("server:\n  payload: 32MiB\njob:\n  days: 30\n");
    assertThat(ScenarioLimits.warnings(s, SMALL)).extracting(Finding::field)
        .containsExactly("server.payload", "server.payload");
    assertThat(ScenarioLimits.warnings(s, SMALL).get(0).message())
        .contains("holds 2 of the 30 pages");
    assertThat(ScenarioLimits.warnings(s, SMALL).get(1).message())
        .contains("30 responses of 32MiB in flight", "9.38 GiB", "4.00 GiB");
  }
}
