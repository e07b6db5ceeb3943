package faremark.orchestrator.results;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.contract.Json;
import faremark.fareserver.ServerStats;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one definition of requests the HTTP client re-sent on its own. */
class RunRecordTest {
  private static RunRecord withServer(RunRecord r, Object server) {
    return new RunRecord(r.index(), r.runId(), r.model(), r.repetition(), r.outcome(), r.reason(),
        r.exitCode(), r.launchedAt(), r.processWallMs(), r.readyAtMs(), r.doneAtMs(), r.result(),
        r.verification(), r.memory(), server, r.command());
  }

  private static Map<String, Object> requests(long n) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("requests", n);
    return s;
  }

  @Test
  void attemptsAreTheRequestedDaysPlusTheWorkloadsOwnRetries() {
    // 100 days, 3 retries after resets
    RunRecord failed = SummaryFixture.failedRequests(2, "thread-pool", 1);
    assertThat(failed.attempts()).isEqualTo(103L);
    assertThat(SummaryFixture.runs().get(0).attempts()).isEqualTo(100L);
  }

  @Test
  void reSendsAreWhatTheServerSawBeyondTheAttempts() {
    RunRecord failed = SummaryFixture.failedRequests(2, "thread-pool", 1);
    assertThat(failed.serverRequests()).isEqualTo(110L);
    assertThat(failed.unrequestedResends()).isEqualTo(7L);
    assertThat(SummaryFixture.runs().get(0).unrequestedResends()).isZero();
    assertThat(SummaryFixture.resent(SummaryFixture.runs().get(0), 4).unrequestedResends()).isEqualTo(4L);
  }

  @Test
  void fewerRequestsAtTheServerThanAttemptsIsNoReSendNotANegativeOne() {
    // a request lost before it reached the server (a refused connection) is no re-send
    RunRecord lost = withServer(SummaryFixture.failedRequests(2, "thread-pool", 1), requests(90));
    assertThat(lost.unrequestedResends()).isZero();
  }

  @Test
  void theWarmupPassesAttemptsAreNoReSends() {
    RunRecord ok = SummaryFixture.runs().get(0); // 100 days, the server saw 100
    faremark.contract.WarmupPass pass = new faremark.contract.WarmupPass(java.time.Duration.ofMillis(800),
        100, 99, Map.of("timeout", 1), Map.of("reset", 2), null, null);
    Map<String, Object> details = new LinkedHashMap<>(ok.result().details());
    details.put(faremark.contract.WarmupPass.DETAILS_KEY, java.util.List.of(pass));
    var r = ok.result();
    RunRecord warmed = new RunRecord(ok.index(), ok.runId(), ok.model(), ok.repetition(),
        ok.outcome(), ok.reason(), ok.exitCode(), ok.launchedAt(), ok.processWallMs(),
        ok.readyAtMs(), ok.doneAtMs(), new faremark.contract.WorkloadResult(r.model(), r.requested(),
            r.ok(), r.failed(), r.startedAt(), r.endedAt(), r.requestPhase(), r.latency(),
            r.aggregate(), details), ok.verification(), ok.memory(), requests(100 + 102 + 3),
        ok.command(), null, 1, null);
    assertThat(warmed.warmupAttempts()).as("100 days and 2 retries").isEqualTo(102);
    assertThat(warmed.warmupDone()).isTrue();
    assertThat(warmed.attempts()).isEqualTo(100);
    assertThat(warmed.unrequestedResends()).isEqualTo(3L);
    // asked for a pass, reported none: measured cold, and said so
    RunRecord notDone = new RunRecord(ok.index(), ok.runId(), ok.model(), ok.repetition(),
        ok.outcome(), ok.reason(), ok.exitCode(), ok.launchedAt(), ok.processWallMs(),
        ok.readyAtMs(), ok.doneAtMs(), ok.result(), ok.verification(), ok.memory(), ok.server(),
        ok.command(), null, 1, null);
    assertThat(notDone.warmupDone()).isFalse();
    assertThat(ok.warmupDone()).as("none asked, none owed").isTrue();
  }

  @Test
  void warmupAndCpuAreLeftOutOfRunJsonWhenThereAreNone() throws Exception {
    String json = Json.mapper().writeValueAsString(SummaryFixture.runs().get(0));
    assertThat(json).doesNotContain("\"warmup\"").doesNotContain("\"cpu\"");
    RunRecord back = Json.mapper().readValue(json, RunRecord.class);
    assertThat(back.warmup()).isNull();
    assertThat(back.cpu()).isNull();
  }

  @Test
  void aRunOutsideASweepWritesNoSweepFieldsAndAnOldRunJsonReadsWithout() throws Exception {
    String json = Json.mapper().writeValueAsString(SummaryFixture.runs().get(0));
    assertThat(json).doesNotContain("\"sweep\"", "\"inFlight\"", "\"breakdown\"");
    RunRecord back = Json.mapper().readValue(json, RunRecord.class);
    assertThat(back.sweep()).isNull();
    assertThat(back.inFlight()).isNull();
    assertThat(back.breakdown()).isNull();
  }

  @Test
  void theSweepFieldsAreWrittenAndReadBack() throws Exception {
    RunRecord r = SummaryFixture.runs().get(0);
    RunRecord swept = new RunRecord(r.index(), r.runId(), r.model(), r.repetition(), r.outcome(),
        r.reason(), r.exitCode(), r.launchedAt(), r.processWallMs(), r.readyAtMs(), r.doneAtMs(),
        r.result(), r.verification(), r.memory(), r.server(), r.command(), null, null, null,
        new SweepPoint("client.concurrency", 1000, 3), new InFlight(1000, 998, false,
            "998 of 1000 in service when the barrier timed out"),
        new MemoryBreakdown("cgroup v2 memory.stat", Map.of("anon", 5L, "total", 9L),
            Map.of("total", 12L), Map.of("kernelStack", "not in this kernel's memory.stat")), null, null);
    RunRecord back = Json.mapper().readValue(Json.mapper().writeValueAsString(swept), RunRecord.class);
    assertThat(back.sweep()).isEqualTo(swept.sweep());
    assertThat(back.inFlight()).isEqualTo(swept.inFlight());
    assertThat(back.breakdown()).isEqualTo(swept.breakdown());
  }

  @Test
  void unknownWithoutAResultOrAServerCount() {
    assertThat(SummaryFixture.crashed(3, "py-asyncio", 1).unrequestedResends()).isNull();
    RunRecord ok = SummaryFixture.runs().get(0);
    assertThat(withServer(ok, null).unrequestedResends()).isNull();
    assertThat(withServer(ok, Map.of("maxInFlightObserved", 3)).unrequestedResends()).isNull();
  }

  @Test
  void theLiveServerStatsAndTheMapReadBackFromRunJsonGiveTheSameCount() throws Exception {
    ServerStats live = new ServerStats(105, 100, 0, 0, 0, 0, 40, 10, 10, 0, 0, 0, 0);
    RunRecord running = withServer(SummaryFixture.runs().get(0), live);
    RunRecord readBack = Json.mapper().readValue(Json.mapper().writeValueAsString(running), RunRecord.class);

    assertThat(running.unrequestedResends()).isEqualTo(5L);
    assertThat(readBack.server()).isInstanceOf(Map.class);
    assertThat(readBack.unrequestedResends()).isEqualTo(5L);
  }

  @Test
  void theDerivedCountsAreNotWrittenIntoRunJson() throws Exception {
    // run.json holds raw data only: derived figures are recomputed, never read back
    String json = Json.mapper().writeValueAsString(SummaryFixture.failedRequests(2, "thread-pool", 1));
    assertThat(json).doesNotContain("unrequestedResends", "attempts", "serverRequests");
  }

  @Test
  void thePythonInterpreterIsWrittenAndReadBackAndLeftOutForOtherModels() throws Exception {
    RunRecord java = SummaryFixture.failedRequests(2, "thread-pool", 1);
    assertThat(Json.mapper().writeValueAsString(java)).doesNotContain("interpreter");
    RunRecord.Interpreter pypy =
        new RunRecord.Interpreter("pypy", "/usr/bin/pypy3", "PyPy 7.3.11 (Python 3.9.16)");
    RunRecord r = new RunRecord(java.index(), java.runId(), "pypy-threads", java.repetition(),
        java.outcome(), java.reason(), java.exitCode(), java.launchedAt(), java.processWallMs(),
        java.readyAtMs(), java.doneAtMs(), java.result(), java.verification(), java.memory(),
        requests(3), java.command(), pypy, null, null);
    String json = Json.mapper().writeValueAsString(r);
    assertThat(json).contains("\"interpreter\":{\"implementation\":\"pypy\",\"executable\":\"/usr/bin/pypy3\"");
    assertThat(Json.mapper().readValue(json, RunRecord.class).interpreter()).isEqualTo(pypy);
  }

  @Test
  void theEngineIsWrittenOnlyWhereThereWereSeveral() throws Exception {
    RunRecord one = SummaryFixture.runs().get(0);
    assertThat(Json.mapper().writeValueAsString(one)).doesNotContain("\"engine\"");
    RunRecord spread = one.withEngine(java.util.Map.of("host", "unix:///b.sock", "kernel", "6.1"));
    String json = Json.mapper().writeValueAsString(spread);
    assertThat(json).contains("\"engine\":{").contains("unix:///b.sock");
    assertThat(Json.mapper().readValue(json, RunRecord.class).engine()).containsEntry("kernel", "6.1");
    RunRecord failed = spread.engineFailed("the Docker engine at unix:///b.sock no longer accepts connections");
    assertThat(failed.outcome()).isEqualTo(Outcome.ENGINE_FAILED);
    assertThat(Json.mapper().writeValueAsString(failed)).contains("\"outcome\":\"engine-failed\"");
    assertThat(failed.engine()).isEqualTo(spread.engine());
  }
}
