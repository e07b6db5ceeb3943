package faremark.orchestrator.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.contract.DayAggregate;
import faremark.contract.LatencySummary;
import faremark.contract.WorkloadEvent;
import faremark.contract.WorkloadResult;
import faremark.orchestrator.backend.EventLog;
import faremark.orchestrator.backend.EventLogTest;
import faremark.orchestrator.backend.RunObservation;
import faremark.orchestrator.results.Outcome;
import faremark.orchestrator.results.RunRecord;
import faremark.orchestrator.sampling.MemorySample;
import faremark.orchestrator.sampling.MemoryTotals;
import faremark.orchestrator.sampling.RunClock;
import faremark.orchestrator.sampling.SamplerStats;
import faremark.orchestrator.verify.Verification;
import faremark.orchestrator.verify.Verifier;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RunJudgeTest {
  private static final Instant LAUNCHED = Instant.parse("2024-05-06T07:08:09Z");
  private static final LocalDate D1 = LocalDate.of(2024, 6, 1);
  static final List<DayAggregate> EXPECTED = List.of(
      new DayAggregate(D1, 10, 1_000, "a", "EUR"),
      new DayAggregate(D1.plusDays(1), 11, 2_000, "b", "EUR"),
      new DayAggregate(D1.plusDays(2), 12, 3_000, "c", "EUR"));
  private static final PlannedRun RUN = new PlannedRun(4, "thread-pool", 2);
  private static final Map<String, Object> SERVER = Map.of("maxInFlightObserved", 3);

  private final RunJudge judge = new RunJudge(new Verifier(EXPECTED));

  /** What a backend saw, starting from a clean, ok run; each test spoils one thing. */
  static final class Seen {
    Optional<Integer> exitCode = Optional.of(0);
    boolean timedOut;
    boolean interrupted;
    long oomKills;
    OptionalLong kernelPeak = OptionalLong.of(90_000);
    List<String> command = List.of("java", "-cp", "w.jar", "WorkloadMain");
    final List<String> stdout = new ArrayList<>();
    final List<Long> stdoutAtMs = new ArrayList<>();
    List<MemorySample> samples = List.of(
        new MemorySample(Duration.ofMillis(0), 10_000, 5_000, 5_000),
        new MemorySample(Duration.ofMillis(100), 40_000, 30_000, 10_000),
        new MemorySample(Duration.ofMillis(200), 80_000, 70_000, 10_000),
        new MemorySample(Duration.ofMillis(300), 60_000, 50_000, 10_000));

    Seen() {
      print(120, ready());
      print(250, done(result(3, 3, Map.of(), EXPECTED)));
    }

    Seen print(long atMs, String line) {
      stdout.add(line);
      stdoutAtMs.add(atMs);
      return this;
    }

    Seen replaceDone(WorkloadResult result) {
      stdout.set(1, done(result));
      return this;
    }

    Seen withoutDone() {
      stdout.remove(1);
      stdoutAtMs.remove(1);
      return this;
    }

    RunObservation observation() {
      long[] nanos = {0};
      EventLog events = new EventLog(RunClock.of(() -> nanos[0]));
      for (int i = 0; i < stdout.size(); i++) {
        nanos[0] = Duration.ofMillis(stdoutAtMs.get(i)).toNanos();
        events.accept(stdout.get(i));
      }
      return new RunObservation(
          command,
          LAUNCHED,
          exitCode,
          timedOut,
          interrupted,
          Duration.ofMillis(400),
          events,
          samples,
          new SamplerStats(samples.size(), 0, 0, Duration.ofMillis(100),
              Optional.of(Duration.ofMillis(100)), Duration.ofMillis(1), Optional.empty()),
          Optional.of(new MemoryTotals(kernelPeak, oomKills, OptionalLong.empty(),
              Optional.of(Duration.ofMillis(321)))),
          "cgroup-v2",
          "memory.current of the run's cgroup",
          Optional.empty());
    }
  }

  static WorkloadResult result(int requested, int ok, Map<String, Integer> failed, List<DayAggregate> aggregate) {
    Instant start = LAUNCHED.plusMillis(130);
    return new WorkloadResult(
        "thread-pool", requested, ok, failed, start, start.plusMillis(100), Duration.ofMillis(100),
        new LatencySummary(ok, 900, 1_000.0, 1_000, 1_100, 1_200, 1_300, 1_400), aggregate, Map.of());
  }

  static String ready() {
    return EventLogTest.ready();
  }

  static String done(WorkloadResult result) {
    return EventLogTest.line(new WorkloadEvent.Done(result, LAUNCHED.plusMillis(240)));
  }

  private RunRecord judge(Seen seen) {
    return judge.judge(RUN, seen.observation(), SERVER);
  }

  @Test
  void aPythonRunRecordsItsInterpreterFromTheCommandAndTheReadyEvent() {
    Seen local = new Seen();
    local.command = List.of("/usr/bin/pypy3", "/r/python/run_model.py", "pypy-threads", "--spec", "s.json");
    local.stdout.set(0, EventLogTest.line(new WorkloadEvent.Ready("pypy-threads", 7,
        "PyPy 7.3.11 (Python 3.9.16)", LAUNCHED.plusMillis(120))));
    RunRecord r = judge.judge(new PlannedRun(1, "pypy-threads", 1), local.observation(), SERVER);
    assertThat(r.interpreter())
        .isEqualTo(new RunRecord.Interpreter("pypy", "/usr/bin/pypy3", "PyPy 7.3.11 (Python 3.9.16)"));

    Seen container = new Seen().withoutDone();
    container.stdout.clear();
    container.stdoutAtMs.clear();
    container.command = List.of("container:faremark/workload-python:abc", "python3",
        "/opt/faremark/python/run_model.py", "py-threads", "--spec", "/run/faremark/spec.json");
    RunRecord crashed = judge.judge(new PlannedRun(2, "py-threads", 1), container.observation(), SERVER);
    assertThat(crashed.interpreter()).as("no ready event: the version is unknown")
        .isEqualTo(new RunRecord.Interpreter("cpython", "python3 in faremark/workload-python:abc", null));

    assertThat(judge(new Seen()).interpreter()).as("a Java model has none").isNull();
  }

  @Test
  void aCleanRunIsOk() {
    RunRecord r = judge(new Seen());

    assertThat(r.outcome()).isEqualTo(Outcome.OK);
    assertThat(r.reason()).isEmpty();
    assertThat(r.verification().verified()).isTrue();
  }

  @Test
  void theRecordCarriesTheRunAndWhatWasSeen() {
    RunRecord r = judge(new Seen());

    assertThat(r.index()).isEqualTo(4);
    assertThat(r.runId()).isEqualTo("004-thread-pool-r2");
    assertThat(r.model()).isEqualTo("thread-pool");
    assertThat(r.repetition()).isEqualTo(2);
    assertThat(r.exitCode()).isZero();
    assertThat(r.launchedAt()).isEqualTo(LAUNCHED);
    assertThat(r.processWallMs()).isEqualTo(400.0);
    assertThat(r.readyAtMs()).isEqualTo(120.0);
    assertThat(r.doneAtMs()).isEqualTo(250.0);
    assertThat(r.result().ok()).isEqualTo(3);
    assertThat(r.server()).isEqualTo(SERVER);
    assertThat(r.command()).containsExactly("java", "-cp", "w.jar", "WorkloadMain");
  }

  @Test
  void memoryFiguresAreAlignedWithTheEvents() {
    RunRecord r = judge(new Seen());

    assertThat(r.memory().source()).isEqualTo("cgroup-v2");
    assertThat(r.memory().baselineBytes()).isEqualTo(40_000); // last sample at or before 120 ms
    assertThat(r.memory().phasePeakBytes()).isEqualTo(80_000); // samples in [120, 250] ms
    assertThat(r.memory().peakBytes()).isEqualTo(90_000);
    assertThat(r.memory().peakSource()).isEqualTo("kernel");
    assertThat(r.memory().peakAboveBaselineBytes()).isEqualTo(50_000);
    assertThat(r.memory().cpuMillis()).isEqualTo(321);
    assertThat(r.memory().oomKills()).isZero();
  }

  @Test
  void interruptedWinsOverEverything() {
    Seen seen = new Seen().withoutDone();
    seen.interrupted = true;
    seen.timedOut = true;
    seen.oomKills = 1;
    seen.exitCode = Optional.empty();

    RunRecord r = judge(seen);

    assertThat(r.outcome()).isEqualTo(Outcome.INTERRUPTED);
    assertThat(r.reason()).isEqualTo("stopped by Ctrl-C");
    assertThat(r.exitCode()).isNull();
  }

  @Test
  void timedOutWinsOverOomKillAndCrash() {
    Seen seen = new Seen().withoutDone();
    seen.timedOut = true;
    seen.oomKills = 1;
    seen.exitCode = Optional.empty();

    RunRecord r = judge(seen);

    assertThat(r.outcome()).isEqualTo(Outcome.TIMED_OUT);
    assertThat(r.reason()).contains("run timeout");
  }

  @Test
  void anOomKillWinsOverAMissingResult() {
    Seen seen = new Seen().withoutDone();
    seen.oomKills = 2;
    seen.exitCode = Optional.of(137);

    RunRecord r = judge(seen);

    assertThat(r.outcome()).isEqualTo(Outcome.OOM_KILLED);
    assertThat(r.reason()).contains("2 process(es)");
    assertThat(r.memory().oomKills()).isEqualTo(2);
  }

  @Test
  void anOomKillCountsEvenWhenTheRunLookedFine() {
    Seen seen = new Seen();
    seen.oomKills = 1;

    assertThat(judge(seen).outcome()).isEqualTo(Outcome.OOM_KILLED);
  }

  @Test
  void noDoneEventIsACrash() {
    Seen seen = new Seen().withoutDone();
    seen.exitCode = Optional.of(1);

    RunRecord r = judge(seen);

    assertThat(r.outcome()).isEqualTo(Outcome.CRASHED);
    assertThat(r.reason()).isEqualTo("exited with 1 without a done event (see stderr.log)");
    assertThat(r.verification().status()).isEqualTo(Verification.Status.NO_ANSWER);
    assertThat(r.result()).isNull();
    assertThat(r.doneAtMs()).isNull();
    assertThat(r.memory().phasePeakBytes()).isNull();
  }

  @Test
  void noDoneEventAndNoExitCodeSaysSo() {
    Seen seen = new Seen().withoutDone().print(200, "oops");
    seen.exitCode = Optional.empty();

    RunRecord r = judge(seen);

    assertThat(r.outcome()).isEqualTo(Outcome.CRASHED);
    assertThat(r.reason()).isEqualTo(
        "exited with ? without a done event; stdout line is not a workload event: oops (see stderr.log)");
  }

  @Test
  void aContractViolationIsACrashEvenWithAGoodResult() {
    Seen seen = new Seen().print(260, "debug: all done");

    RunRecord r = judge(seen);

    assertThat(r.outcome()).isEqualTo(Outcome.CRASHED);
    assertThat(r.reason()).isEqualTo(
        "broke the workload contract; stdout line is not a workload event: debug: all done");
    assertThat(r.verification().verified()).isTrue(); // the answer is still checked and recorded
  }

  @Test
  void doneWithoutReadyIsAContractViolation() {
    Seen seen = new Seen();
    seen.stdout.remove(0);
    seen.stdoutAtMs.remove(0);

    RunRecord r = judge(seen);

    assertThat(r.outcome()).isEqualTo(Outcome.CRASHED);
    assertThat(r.reason()).contains("done without a ready event before it");
    assertThat(r.readyAtMs()).isNull();
    assertThat(r.memory().baselineBytes()).isNull();
  }

  @Test
  void onlyTheFirstThreeViolationsAreQuoted() {
    Seen seen = new Seen().print(300, "one").print(301, "two").print(302, "three").print(303, "four");

    RunRecord r = judge(seen);

    assertThat(r.reason()).contains(": one;", ": two;", ": three").doesNotContain("four");
  }

  @Test
  void aContractViolationWinsOverFailedRequests() {
    Seen seen = new Seen()
        .replaceDone(result(3, 2, Map.of("timeout", 1), EXPECTED.subList(0, 2)))
        .print(300, "Exception in thread main");
    seen.exitCode = Optional.of(1);

    assertThat(judge(seen).outcome()).isEqualTo(Outcome.CRASHED);
  }

  @Test
  void failedRequestsExplainAPartialAnswer() {
    Seen seen = new Seen().replaceDone(result(3, 2, Map.of("timeout", 1), EXPECTED.subList(0, 2)));
    seen.exitCode = Optional.of(1);

    RunRecord r = judge(seen);

    assertThat(r.outcome()).isEqualTo(Outcome.FAILED_REQUESTS);
    assertThat(r.reason()).isEqualTo("1 of 3 requests failed: {timeout=1}");
    assertThat(r.verification().status()).isEqualTo(Verification.Status.PARTIAL);
  }

  @Test
  void fewerOkThanRequestedIsFailedRequestsEvenWithoutACause() {
    Seen seen = new Seen().replaceDone(result(3, 2, Map.of(), EXPECTED.subList(0, 2)));

    RunRecord r = judge(seen);

    assertThat(r.outcome()).isEqualTo(Outcome.FAILED_REQUESTS);
    assertThat(r.reason()).isEqualTo("0 of 3 requests failed: {}");
  }

  @Test
  void allRequestsOkButAWrongAnswerIsUnverified() {
    List<DayAggregate> wrong = List.of(
        EXPECTED.get(0), EXPECTED.get(1), new DayAggregate(D1.plusDays(2), 12, 2_999, "c", "EUR"));
    Seen seen = new Seen().replaceDone(result(3, 3, Map.of(), wrong));

    RunRecord r = judge(seen);

    assertThat(r.outcome()).isEqualTo(Outcome.UNVERIFIED);
    assertThat(r.reason()).isEqualTo("answer wrong 2/3, 1 wrong");
  }

  @Test
  void allRequestsOkButAnIncompleteAnswerIsUnverified() {
    Seen seen = new Seen().replaceDone(result(3, 3, Map.of(), EXPECTED.subList(0, 1)));

    RunRecord r = judge(seen);

    assertThat(r.outcome()).isEqualTo(Outcome.UNVERIFIED);
    assertThat(r.reason()).isEqualTo("answer partial 1/3, 2 missing");
  }

  @Test
  void anUnverifiedAnswerWinsOverANonzeroExit() {
    Seen seen = new Seen().replaceDone(result(3, 3, Map.of(), EXPECTED.subList(0, 1)));
    seen.exitCode = Optional.of(3);

    assertThat(judge(seen).outcome()).isEqualTo(Outcome.UNVERIFIED);
  }

  @Test
  void aNonzeroExitAfterAPerfectRunIsACrash() {
    Seen seen = new Seen();
    seen.exitCode = Optional.of(2);

    RunRecord r = judge(seen);

    assertThat(r.outcome()).isEqualTo(Outcome.CRASHED);
    assertThat(r.reason()).isEqualTo("every request succeeded but the exit code was 2, not 0");
    assertThat(r.exitCode()).isEqualTo(2);
  }

  @Test
  void aPerfectRunThatHadToBeKilledIsACrash() {
    Seen seen = new Seen();
    seen.exitCode = Optional.empty();

    RunRecord r = judge(seen);

    assertThat(r.outcome()).isEqualTo(Outcome.CRASHED);
    assertThat(r.reason()).isEqualTo("every request succeeded but the exit code was ?, not 0");
  }

  @Test
  void withoutTotalsThereIsNoKernelPeakOrOomCount() {
    Seen seen = new Seen();
    RunObservation o = seen.observation();
    RunObservation noTotals = new RunObservation(o.command(), o.launchedAt(), o.exitCode(),
        o.timedOut(), o.interrupted(), o.processWall(), o.events(), o.samples(), o.samplerStats(),
        Optional.empty(), "proc-rss", "RSS sum of the process tree", o.failure());

    RunRecord r = judge.judge(RUN, noTotals, null);

    assertThat(r.outcome()).isEqualTo(Outcome.OK);
    assertThat(r.memory().peakBytes()).isEqualTo(80_000);
    assertThat(r.memory().peakSource()).isEqualTo("sampled");
    assertThat(r.memory().cpuMillis()).isNull();
    assertThat(r.server()).isNull();
  }
}
