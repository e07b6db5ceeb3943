package faremark.orchestrator.results.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import faremark.orchestrator.results.Outcome;
import faremark.orchestrator.results.ResultsReader;
import faremark.orchestrator.results.RunRecord;
import faremark.orchestrator.results.SummaryFixture;
import faremark.orchestrator.results.sweep.SweepFixture.Truth;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepAnalyzerTest {
  static final long MIB = SummaryFixture.MIB;
  @TempDir Path tmp;

  private static SweepAnalysis analyze(List<RunRecord> runs, long seed) {
    return SweepAnalyzer.analyze(List.of("virtual-threads", "thread-pool"), runs, seed,
        SweepAnalysis.DEFAULT_RESAMPLES).orElseThrow();
  }

  @Test
  void theSlopeOfALineIsWithinFivePercentOfKAndItsIntervalHoldsK() throws Exception {
    // through the folder, as `faremark report` reads it
    Path dir = SweepFixture.write(tmp.resolve("s"), SweepFixture.runs(SweepFixture.twoModels(),
        SweepFixture.POINTS, 6, 1));
    SweepAnalysis s = SweepAnalyzer.of(ResultsReader.read(dir)).orElseThrow();
    assertThat(s.parameter()).isEqualTo("client.concurrency");
    assertThat(s.runs()).isEqualTo(2 * 6 * 6);
    for (Truth t : SweepFixture.twoModels()) {
      SlopeFit fit = s.model(t.model()).fit(SweepFigure.AT_FULL + "total");
      assertThat(fit.runs()).isEqualTo(36);
      assertThat(fit.points()).isEqualTo(6);
      assertThat(fit.slope()).isCloseTo(t.k(), within(0.05 * t.k()));
      assertThat(fit.intervalContains(t.k())).as("%s: [%s, %s] holds %s", t.model(),
          fit.slopeLow(), fit.slopeHigh(), t.k()).isTrue();
      assertThat(fit.theilSen()).isCloseTo(t.k(), within(0.05 * t.k()));
      assertThat(fit.r2()).isGreaterThan(0.99);
      assertThat(fit.linearity().verdict()).isEqualTo(Linearity.Verdict.LINEAR);
      // the peak is total + ~2-3 MiB: the same slope
      assertThat(s.model(t.model()).fit(SweepFigure.PEAK).slope()).isCloseTo(t.k(), within(0.05 * t.k()));
    }
  }

  @Test
  void theIntervalHoldsKForMostNoiseSeeds() {
    // a 95 % interval should miss K about 1 time in 20; over 40 independent sweeps, a broken
    // interval (too narrow: samples resampled instead of runs, say) misses far more often
    int missed = 0;
    for (long seed = 100; seed < 140; seed++) {
      List<RunRecord> runs = SweepFixture.runs(List.of(SweepFixture.twoModels().get(0)),
          SweepFixture.POINTS, 6, seed);
      SlopeFit fit = SweepAnalyzer.analyze(List.of(), runs, 7, 2_000).orElseThrow()
          .model("virtual-threads").fit(SweepFigure.AT_FULL + "total");
      missed += fit.intervalContains(100 * 1024) ? 0 : 1;
    }
    assertThat(missed).isLessThanOrEqualTo(6);
  }

  @Test
  void theSameSeedGivesTheSameIntervalAnotherSeedANearlyEqualOne() {
    List<RunRecord> runs = SweepFixture.runs(SweepFixture.twoModels(), SweepFixture.POINTS, 6, 2);
    SlopeFit a = analyze(runs, 42).model("thread-pool").fit(SweepFigure.PEAK);
    SlopeFit b = analyze(runs, 42).model("thread-pool").fit(SweepFigure.PEAK);
    SlopeFit c = analyze(runs, 43).model("thread-pool").fit(SweepFigure.PEAK);
    assertThat(b).isEqualTo(a);
    assertThat(c.slope()).isEqualTo(a.slope());
    double width = a.slopeHigh() - a.slopeLow();
    assertThat(c.slopeLow()).isNotEqualTo(a.slopeLow()).isCloseTo(a.slopeLow(), within(0.05 * width));
    assertThat(c.slopeHigh()).isCloseTo(a.slopeHigh(), within(0.05 * width));
  }

  @Test
  void aHeapStepIsFlaggedNotLinearALineIsNot() {
    // the JVM grows its heap once past 1,000 in flight: 80 MiB more from there on
    Truth step = new Truth("virtual-threads", 60 * MIB, 100 * 1024, 25 * 1024, 3 * MIB,
        n -> n >= 1000 ? 80 * MIB : 0);
    Truth line = Truth.line("thread-pool", 50 * MIB, 270 * 1024, 4 * MIB);
    SweepAnalysis s = analyze(SweepFixture.runs(List.of(step, line), SweepFixture.POINTS, 6, 3), 1);
    Linearity stepped = s.model("virtual-threads").fit(SweepFigure.AT_FULL + "total").linearity();
    assertThat(stepped.nonLinear()).as(stepped.detail()).isTrue();
    assertThat(stepped.pValue()).isLessThan(Linearity.ALPHA);
    assertThat(stepped.maxDeviationShare()).isGreaterThan(Linearity.MIN_DEVIATION_SHARE);
    Linearity straight = s.model("thread-pool").fit(SweepFigure.AT_FULL + "total").linearity();
    assertThat(straight.nonLinear()).as(straight.detail()).isFalse();
    assertThat(straight.verdict()).isEqualTo(Linearity.Verdict.LINEAR);
  }

  @Test
  void runsThatDidNotReachTheirTargetOrWereNotOkAreListedAndLeftOut() {
    List<RunRecord> runs = new ArrayList<>(
        SweepFixture.runs(SweepFixture.twoModels(), SweepFixture.POINTS, 6, 4));
    // two runs at 5,000 of virtual-threads: one released at 3,210 in flight, one OOM-killed,
    // each made absurd so that counting it would move the line
    List<Integer> at5000 = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      RunRecord r = runs.get(i);
      if (r.model().equals("virtual-threads") && r.sweep().value() == 5000) {
        at5000.add(i);
      }
    }
    RunRecord short1 = SweepFixture.notReached(absurd(runs.get(at5000.get(0))), 3210);
    RunRecord killed = SweepFixture.ended(absurd(runs.get(at5000.get(1))), Outcome.OOM_KILLED,
        "killed by the kernel's OOM killer");
    runs.set(at5000.get(0), short1);
    runs.set(at5000.get(1), killed);
    ModelSweep m = analyze(runs, 1).model("virtual-threads");
    PointResult p = m.points().get(5);
    assertThat(p.value()).isEqualTo(5000);
    assertThat(p.used()).hasSize(4).doesNotContain(short1.runId(), killed.runId());
    assertThat(p.excluded()).extracting(Exclusion::runId, Exclusion::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple(short1.runId(), Exclusion.Kind.IN_FLIGHT_NOT_REACHED),
        org.assertj.core.groups.Tuple.tuple(killed.runId(), Exclusion.Kind.NOT_OK));
    assertThat(p.excluded().get(0).reason()).contains("3210 of 5000");
    assertThat(p.excluded().get(1).reason()).startsWith("oom-killed: ");
    assertThat(p.figures().get(SweepFigure.PEAK).n()).isEqualTo(4);
    SlopeFit fit = m.fit(SweepFigure.AT_FULL + "total");
    assertThat(fit.runs()).isEqualTo(34);
    assertThat(fit.slope()).isCloseTo(100 * 1024, within(5.0 * 1024));
  }

  @Test
  void theKernelShareIsTheKernelSlopeOverTheTotalSlope() {
    SweepAnalysis s = analyze(SweepFixture.runs(SweepFixture.twoModels(), SweepFixture.POINTS, 6, 5), 1);
    KernelShare share = s.model("thread-pool").kernelShare();
    assertThat(share.runs()).isEqualTo(36);
    assertThat(share.share()).isCloseTo(0.25, within(0.02));
    assertThat(share.low()).isLessThanOrEqualTo(share.share());
    assertThat(share.high()).isGreaterThanOrEqualTo(share.share());
    assertThat(s.model("thread-pool").breakdownSource()).isEqualTo("cgroup v2 memory.stat (fixture)");
  }

  @Test
  void eachPointHasItsMedianWithADistributionFreeInterval() {
    SweepAnalysis s = analyze(SweepFixture.runs(SweepFixture.twoModels(), SweepFixture.POINTS, 6, 6), 1);
    Estimate e = s.model("virtual-threads").points().get(0).figures().get(SweepFigure.PEAK);
    assertThat(e.n()).isEqualTo(6);
    // 6 runs: [min, max] covers the median with 1 - 2/64
    assertThat(e.coverage()).isEqualTo(0.9688);
    assertThat(e.low()).isLessThanOrEqualTo(e.median());
    assertThat(e.high()).isGreaterThanOrEqualTo(e.median());
    assertThat(s.model("virtual-threads").points().get(0).figures())
        .containsKeys(SweepFigure.PEAK, SweepFigure.REQUEST_PHASE, "atFullInFlight.kernel");
  }

  @Test
  void runsWithoutASweepPointGiveNoSweepAnalysis() {
    assertThat(SweepAnalyzer.analyze(List.of("sequential"),
        List.of(SummaryFixture.ok(1, "sequential", 1, 1.0, 2.0, MIB, MIB, 1, 1, 1, 1)), 1, 100))
        .isEmpty();
  }

  @Test
  void aModelAtOnePointHasNoLineAndSaysWhy() {
    List<RunRecord> runs = SweepFixture.runs(SweepFixture.twoModels(), List.of(100), 3, 7);
    SlopeFit fit = analyze(runs, 1).model("thread-pool").fit(SweepFigure.PEAK);
    assertThat(fit.slope()).isNull();
    assertThat(fit.note()).contains("a line needs 2");
  }

  @Test
  void anotherSweptParameterIsNamedInTheSlopesUnitAndRunsWithoutAnInFlightCheckAreUsed() {
    List<RunRecord> runs = SweepFixture.runs(SweepFixture.twoModels(), List.of(1, 8, 64), 3, 8)
        .stream().map(r -> SweepFixture.with(r, r.runId(),
            new faremark.orchestrator.results.SweepPoint("server.payload", r.sweep().value(),
                r.sweep().point()), null, r.breakdown())).toList();
    SweepAnalysis s = analyze(runs, 1);
    assertThat(s.parameter()).isEqualTo("server.payload");
    SlopeFit fit = s.model("thread-pool").fit(SweepFigure.PEAK);
    assertThat(fit.unit()).isEqualTo("bytes per unit of server.payload");
    assertThat(fit.runs()).isEqualTo(9);
  }

  /** A run whose memory is ten times what it should be. */
  private static RunRecord absurd(RunRecord r) {
    var b = new java.util.LinkedHashMap<>(r.breakdown().atFullInFlight());
    b.replaceAll((k, v) -> v * 10);
    return SweepFixture.with(r, r.runId(), r.sweep(), r.inFlight(),
        new faremark.orchestrator.results.MemoryBreakdown(r.breakdown().source(), b, b, r.breakdown().missing()));
  }
}
