package faremark.orchestrator.results;

import static faremark.orchestrator.results.SummaryFixture.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.verify.Verification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryBuilderTest {

  private static ModelSummary model(Summary summary, String name) {
    return summary.models().stream().filter(m -> m.model().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void keepsTheScenariosModelOrderAndCountsRuns() {
    Summary summary = SummaryFixture.summary();

    assertThat(summary.models()).extracting(ModelSummary::model)
        .containsExactly("sequential", "thread-pool", "py-asyncio");
    assertThat(summary.runs()).isEqualTo(6);
    assertThat(summary.okRuns()).isEqualTo(4);
    assertThat(summary.scenario()).isEqualTo("seed");
    assertThat(summary.backend()).isEqualTo("local");
    assertThat(summary.interrupted()).isFalse();
    assertThat(summary.definitions()).isEqualTo(Summary.DEFINITIONS);
  }

  @Test
  void onlyOkRunsEnterTheStatistics() {
    ModelSummary threadPool = model(SummaryFixture.summary(), "thread-pool");

    // the failed-requests run (9500 ms, 120 MiB peak, 64 in flight) is counted, never averaged in
    assertThat(threadPool.runs()).isEqualTo(2);
    assertThat(threadPool.ok()).isEqualTo(1);
    assertThat(threadPool.requestPhaseMs()).isEqualTo(new Stat(1, 3_100.75, 3_100.75, 3_100.75));
    assertThat(threadPool.peakBytes().max()).isEqualTo(96 * MIB);
    assertThat(threadPool.cpuMs().n()).isEqualTo(1);
    assertThat(threadPool.serverMaxInFlight()).isEqualTo(new Stat(1, 32, 32, 32));
  }

  @Test
  void summarizesEveryFigureOverTheOkRuns() {
    ModelSummary sequential = model(SummaryFixture.summary(), "sequential");

    assertThat(sequential.requestPhaseMs()).isEqualTo(new Stat(3, 29_000.0, 28_900.25, 29_100.5));
    assertThat(sequential.processWallMs()).isEqualTo(new Stat(3, 30_100.0, 30_010.0, 30_250.0));
    assertThat(sequential.peakBytes()).isEqualTo(new Stat(3, 51 * MIB, 50 * MIB, 52 * MIB));
    assertThat(sequential.baselineBytes()).isEqualTo(new Stat(3, 40 * MIB, 40 * MIB, 41 * MIB));
    assertThat(sequential.peakAboveBaselineBytes()).isEqualTo(new Stat(3, 11 * MIB, 10 * MIB, 11 * MIB));
    assertThat(sequential.cpuMs()).isEqualTo(new Stat(3, 1_480, 1_460, 1_500));
    assertThat(sequential.latencyP50Us()).isEqualTo(new Stat(3, 289_000, 288_000, 290_000));
    assertThat(sequential.latencyP99Us()).isEqualTo(new Stat(3, 307_000, 305_000, 310_000));
    assertThat(sequential.serverMaxInFlight()).isEqualTo(new Stat(3, 1, 1, 1));
  }

  @Test
  void countsOutcomesByIdInNameOrder() {
    Summary summary = SummaryFixture.summary();

    assertThat(model(summary, "sequential").outcomes()).containsExactly(Map.entry("ok", 3));
    assertThat(model(summary, "thread-pool").outcomes())
        .containsExactly(Map.entry("failed-requests", 1), Map.entry("ok", 1));
    assertThat(model(summary, "py-asyncio").outcomes()).containsExactly(Map.entry("crashed", 1));
  }

  @Test
  void allVerifiedOnlyWhenEveryRunsAnswerWasVerified() {
    Summary summary = SummaryFixture.summary();

    assertThat(model(summary, "sequential").allVerified()).isTrue();
    assertThat(model(summary, "thread-pool").allVerified()).isFalse();
    assertThat(model(summary, "py-asyncio").allVerified()).isFalse();
  }

  @Test
  void aModelWithoutOkRunsHasNoStatisticsButKeepsItsIdeal() {
    ModelSummary crashed = model(SummaryFixture.summary(), "py-asyncio");

    assertThat(crashed.ok()).isZero();
    assertThat(crashed.requestPhaseMs()).isNull();
    assertThat(crashed.peakBytes()).isNull();
    assertThat(crashed.serverMaxInFlight()).isNull();
    assertThat(crashed.idealRequestPhaseMs()).isEqualTo(200.0);
    assertThat(crashed.requestPhaseVsIdeal()).isNull();
  }

  @Test
  void aModelInTheOrderWithoutAnyRunIsListedEmptyAndNotVerified() {
    Summary summary =
        SummaryBuilder.build("s", SummaryFixture.STARTED, SummaryFixture.ENDED, "local", true,
            List.of("sequential", "async"), SummaryFixture.runs().subList(0, 1), Map.of());

    ModelSummary async = model(summary, "async");
    assertThat(async.runs()).isZero();
    assertThat(async.outcomes()).isEmpty();
    assertThat(async.allVerified()).isFalse();
    assertThat(summary.interrupted()).isTrue();
  }

  @Test
  void anOkRunWithoutLatencyFiguresHasNoLatencyStatisticsAndTheRestStands() {
    // An external model may answer "latency": null; its ok run must not break the summary.
    RunRecord withLatency = SummaryFixture.ok(1, "ext", 1, 100.0, 200.0, 50 * MIB, 40 * MIB, 10, 5_000, 9_000, 1);
    RunRecord without = new RunRecord(2, "002-ext-r2", "ext", 2, withLatency.outcome(), "", 0,
        withLatency.launchedAt(), 200.0, 1.0, 101.0, SummaryFixture.result("ext", 10, 10, Map.of(), 100.0, null),
        withLatency.verification(), withLatency.memory(), withLatency.server(), withLatency.command());
    ModelSummary ext = model(SummaryBuilder.build("s", SummaryFixture.STARTED, SummaryFixture.ENDED,
        "local", false, List.of("ext"), List.of(withLatency, without), Map.of()), "ext");

    assertThat(ext.ok()).isEqualTo(2);
    assertThat(ext.peakBytes().n()).isEqualTo(2);
    assertThat(ext.latencyP50Us().n()).isEqualTo(1);
    assertThat(ext.latencyP50Us().median()).isEqualTo(5_000.0);
  }

  @Test
  void runsOfAModelMissingFromTheOrderAreAppended() {
    Summary summary =
        SummaryBuilder.build("s", SummaryFixture.STARTED, SummaryFixture.ENDED, "local", false,
            List.of("thread-pool"), SummaryFixture.runs(), Map.of());

    assertThat(summary.models()).extracting(ModelSummary::model)
        .containsExactly("thread-pool", "sequential", "py-asyncio");
  }

  @Test
  void idealRatioIsTheMedianPhaseOverTheIdeal() {
    Summary summary = SummaryFixture.summary();

    assertThat(model(summary, "sequential").requestPhaseVsIdeal()).isEqualTo(29_000.0 / 20_000.0);
    assertThat(model(summary, "thread-pool").requestPhaseVsIdeal()).isEqualTo(3_100.75 / 2_000.0);
  }

  @Test
  void noIdealOrANonPositiveIdealGivesNoRatio() {
    Summary summary =
        SummaryBuilder.build("s", SummaryFixture.STARTED, SummaryFixture.ENDED, "local", false,
            SummaryFixture.MODELS, SummaryFixture.runs(), Map.of("thread-pool", 0.0));

    assertThat(model(summary, "sequential").idealRequestPhaseMs()).isNull();
    assertThat(model(summary, "sequential").requestPhaseVsIdeal()).isNull();
    assertThat(model(summary, "thread-pool").requestPhaseVsIdeal()).isNull();
  }

  @Test
  void memorySourceJoinsTheDistinctSourcesInRunOrder() {
    List<RunRecord> runs = new ArrayList<>(SummaryFixture.runs());
    runs.add(withMemorySource(runs.get(0), "proc-rss"));
    runs.add(withMemorySource(runs.get(3), "cgroup-v2"));
    runs.add(withMemorySource(runs.get(1), null));

    Summary summary = build(runs);

    assertThat(summary.memorySource()).isEqualTo("cgroup-v2+proc-rss");
  }

  @Test
  void memorySourceIsNoneWithoutMemoryFigures() {
    List<RunRecord> runs = List.of(withMemorySource(SummaryFixture.runs().get(2), null));

    assertThat(build(runs).memorySource()).isEqualTo("none");
    assertThat(build(List.of()).memorySource()).isEqualTo("none");
  }

  @Test
  void serverMaxInFlightIsReadFromTheServerStatsObject() {
    record ServerStats(long requests, long maxInFlightObserved) {}
    RunRecord fromRecord = withServer(SummaryFixture.runs().get(0), new ServerStats(100, 7));
    RunRecord fromMap = withServer(SummaryFixture.runs().get(3), Map.of("maxInFlightObserved", 9));
    RunRecord withoutField = withServer(SummaryFixture.runs().get(5), Map.of("requests", 100));
    RunRecord withoutServer = withServer(SummaryFixture.runs().get(5), null);

    assertThat(model(build(List.of(fromRecord, fromMap, withoutField, withoutServer)), "sequential")
        .serverMaxInFlight()).isEqualTo(new Stat(2, 8, 7, 9));
  }

  @Test
  void reSendsAreSummedOverEveryRunOkOrNotAndUnknownWithoutAnyCount() {
    Summary summary = SummaryFixture.summary();

    // 7 in the failed-requests run, 2 in the ok run: a re-send hides a failure in either
    assertThat(model(summary, "thread-pool").unrequestedResends()).isEqualTo(9L);
    assertThat(model(summary, "sequential").unrequestedResends()).isZero();
    // its only run crashed without a result: nothing to count from
    assertThat(model(summary, "py-asyncio").unrequestedResends()).isNull();
  }

  @Test
  void anOkRunWithAnUnverifiedAnswerStillCountsAsNotAllVerified() {
    RunRecord ok = SummaryFixture.runs().get(0);
    RunRecord noVerification = new RunRecord(ok.index(), ok.runId(), ok.model(), ok.repetition(),
        ok.outcome(), ok.reason(), ok.exitCode(), ok.launchedAt(), ok.processWallMs(),
        ok.readyAtMs(), ok.doneAtMs(), ok.result(), null, ok.memory(), ok.server(), ok.command());
    RunRecord partial = new RunRecord(ok.index(), ok.runId(), ok.model(), ok.repetition(),
        ok.outcome(), ok.reason(), ok.exitCode(), ok.launchedAt(), ok.processWallMs(),
        ok.readyAtMs(), ok.doneAtMs(), ok.result(),
        new Verification(Verification.Status.PARTIAL, 100, 99, List.of(), List.of(), List.of()),
        ok.memory(), ok.server(), ok.command());

    assertThat(model(build(List.of(ok, noVerification)), "sequential").allVerified()).isFalse();
    assertThat(model(build(List.of(ok, partial)), "sequential").allVerified()).isFalse();
    assertThat(model(build(List.of(ok)), "sequential").allVerified()).isTrue();
  }

  private static Summary build(List<RunRecord> runs) {
    return SummaryBuilder.build("s", SummaryFixture.STARTED, SummaryFixture.ENDED, "local", false,
        List.of("sequential"), runs, Map.of());
  }

  private static RunRecord withMemorySource(RunRecord r, String source) {
    MemoryFigures m = r.memory();
    MemoryFigures changed = source == null ? null
        : new MemoryFigures(source, m.definition(), m.samples(), m.meanIntervalMs(),
            m.baselineBytes(), m.peakBytes(), m.peakSource(), m.sampledPeakBytes(),
            m.phasePeakBytes(), m.peakAboveBaselineBytes(), m.anonBaselineBytes(),
            m.anonPeakBytes(), m.cpuMillis(), m.oomKills());
    return new RunRecord(r.index(), r.runId(), r.model(), r.repetition(), r.outcome(), r.reason(),
        r.exitCode(), r.launchedAt(), r.processWallMs(), r.readyAtMs(), r.doneAtMs(), r.result(),
        r.verification(), changed, r.server(), r.command());
  }

  private static RunRecord withServer(RunRecord r, Object server) {
    return new RunRecord(r.index(), r.runId(), r.model(), r.repetition(), r.outcome(), r.reason(),
        r.exitCode(), r.launchedAt(), r.processWallMs(), r.readyAtMs(), r.doneAtMs(), r.result(),
        r.verification(), r.memory(), server, r.command());
  }
}
