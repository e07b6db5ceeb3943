package faremark.orchestrator.results;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.sampling.MemorySample;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MemoryFiguresCalculatorTest {
  private static final String SOURCE = "cgroup-v2";
  private static final String DEFINITION = "memory.current of the run's cgroup";

  private static MemorySample sample(long ms, long current, long anon) {
    return new MemorySample(Duration.ofMillis(ms), current, anon, current - anon);
  }

  /** 0..400 ms every 100 ms; ready at 150 ms, done at 350 ms. */
  private static final List<MemorySample> SAMPLES = List.of(
      sample(0, 10_000, 4_000),
      sample(100, 20_000, 9_000),
      sample(200, 50_000, 30_000),
      sample(300, 40_000, 35_000),
      sample(400, 60_000, 20_000));

  private static MemoryFigures compute(
      List<MemorySample> samples, Long readyMs, Long doneMs, OptionalLong kernelPeak) {
    return MemoryFiguresCalculator.compute(
        SOURCE, DEFINITION, samples,
        Optional.ofNullable(readyMs).map(Duration::ofMillis),
        Optional.ofNullable(doneMs).map(Duration::ofMillis),
        kernelPeak, Optional.of(Duration.ofMillis(1234)), 0);
  }

  @Test
  void baselineIsTheLastSampleAtOrBeforeReady() {
    MemoryFigures m = compute(SAMPLES, 150L, 350L, OptionalLong.empty());

    assertThat(m.baselineBytes()).isEqualTo(20_000);
    assertThat(m.anonBaselineBytes()).isEqualTo(9_000);
  }

  @Test
  void aSampleTakenExactlyAtReadyIsTheBaseline() {
    assertThat(compute(SAMPLES, 200L, 350L, OptionalLong.empty()).baselineBytes()).isEqualTo(50_000);
  }

  @Test
  void readyBeforeTheFirstSampleTakesTheFirstSampleAsBaseline() {
    List<MemorySample> late = SAMPLES.subList(1, SAMPLES.size()); // first sample at 100 ms

    MemoryFigures m = compute(late, 50L, 350L, OptionalLong.empty());

    assertThat(m.baselineBytes()).isEqualTo(20_000);
    assertThat(m.anonBaselineBytes()).isEqualTo(9_000);
  }

  @Test
  void readyAfterTheLastSampleTakesTheLastSample() {
    assertThat(compute(SAMPLES, 10_000L, null, OptionalLong.empty()).baselineBytes()).isEqualTo(60_000);
  }

  @Test
  void kernelPeakAboveTheSamplesIsThePeak() {
    MemoryFigures m = compute(SAMPLES, 150L, 350L, OptionalLong.of(75_000));

    assertThat(m.peakBytes()).isEqualTo(75_000);
    assertThat(m.peakSource()).isEqualTo("kernel");
    assertThat(m.sampledPeakBytes()).isEqualTo(60_000);
  }

  @Test
  void kernelPeakBelowASampleNeverHidesWhatWasSampled() {
    MemoryFigures m = compute(SAMPLES, 150L, 350L, OptionalLong.of(55_000));

    assertThat(m.peakBytes()).isEqualTo(60_000);
    assertThat(m.peakSource()).isEqualTo("kernel");
  }

  @Test
  void withoutAKernelPeakThePeakIsTheHighestSample() {
    MemoryFigures m = compute(SAMPLES, 150L, 350L, OptionalLong.empty());

    assertThat(m.peakBytes()).isEqualTo(60_000);
    assertThat(m.peakSource()).isEqualTo("sampled");
    assertThat(m.anonPeakBytes()).isEqualTo(35_000);
  }

  @Test
  void phasePeakCountsOnlySamplesBetweenReadyAndDone() {
    // the 60 000 at 400 ms is after done; the window's bounds are inclusive
    assertThat(compute(SAMPLES, 150L, 350L, OptionalLong.empty()).phasePeakBytes()).isEqualTo(50_000);
    assertThat(compute(SAMPLES, 300L, 400L, OptionalLong.empty()).phasePeakBytes()).isEqualTo(60_000);
    assertThat(compute(SAMPLES, 250L, 300L, OptionalLong.empty()).phasePeakBytes()).isEqualTo(40_000);
  }

  @Test
  void phasePeakIsNullWithoutDoneOrWithoutASampleInThePhase() {
    assertThat(compute(SAMPLES, 150L, null, OptionalLong.empty()).phasePeakBytes()).isNull();
    assertThat(compute(SAMPLES, null, 350L, OptionalLong.empty()).phasePeakBytes()).isNull();
    assertThat(compute(SAMPLES, 110L, 190L, OptionalLong.empty()).phasePeakBytes()).isNull();
  }

  @Test
  void peakAboveBaselineIsPeakMinusBaseline() {
    assertThat(compute(SAMPLES, 150L, 350L, OptionalLong.of(75_000)).peakAboveBaselineBytes())
        .isEqualTo(55_000);
    assertThat(compute(SAMPLES, 150L, 350L, OptionalLong.empty()).peakAboveBaselineBytes())
        .isEqualTo(40_000);
  }

  @Test
  void meanIntervalSpansFirstToLastSample() {
    List<MemorySample> uneven =
        List.of(sample(0, 1, 1), sample(10, 1, 1), sample(40, 1, 1), sample(45, 1, 1));

    assertThat(compute(uneven, null, null, OptionalLong.empty()).meanIntervalMs()).isEqualTo(15.0);
    assertThat(compute(SAMPLES, null, null, OptionalLong.empty()).meanIntervalMs()).isEqualTo(100.0);
  }

  @Test
  void oneSampleHasNoMeanInterval() {
    MemoryFigures m = compute(List.of(sample(5, 100, 50)), 0L, 10L, OptionalLong.empty());

    assertThat(m.samples()).isEqualTo(1);
    assertThat(m.meanIntervalMs()).isNull();
    assertThat(m.baselineBytes()).isEqualTo(100);
    assertThat(m.peakBytes()).isEqualTo(100);
  }

  @Test
  void withoutReadyThereIsNoBaseline() {
    MemoryFigures m = compute(SAMPLES, null, null, OptionalLong.empty());

    assertThat(m.baselineBytes()).isNull();
    assertThat(m.anonBaselineBytes()).isNull();
    assertThat(m.peakAboveBaselineBytes()).isNull();
    assertThat(m.peakBytes()).isEqualTo(60_000);
  }

  @Test
  void withoutSamplesEverySampledFigureIsNull() {
    MemoryFigures m = compute(List.of(), 150L, 350L, OptionalLong.empty());

    assertThat(m.samples()).isZero();
    assertThat(m.meanIntervalMs()).isNull();
    assertThat(m.baselineBytes()).isNull();
    assertThat(m.anonBaselineBytes()).isNull();
    assertThat(m.peakBytes()).isNull();
    assertThat(m.sampledPeakBytes()).isNull();
    assertThat(m.phasePeakBytes()).isNull();
    assertThat(m.anonPeakBytes()).isNull();
    assertThat(m.peakAboveBaselineBytes()).isNull();
    assertThat(m.peakSource()).isEqualTo("sampled");
  }

  @Test
  void withoutSamplesTheKernelPeakStillStands() {
    MemoryFigures m = compute(List.of(), 150L, 350L, OptionalLong.of(70_000));

    assertThat(m.peakBytes()).isEqualTo(70_000);
    assertThat(m.peakSource()).isEqualTo("kernel");
    assertThat(m.sampledPeakBytes()).isNull();
    assertThat(m.peakAboveBaselineBytes()).isNull();
  }

  @Test
  void carriesSourceDefinitionCpuAndOomKills() {
    MemoryFigures m = MemoryFiguresCalculator.compute(
        SOURCE, DEFINITION, SAMPLES, Optional.empty(), Optional.empty(), OptionalLong.empty(),
        Optional.of(Duration.ofNanos(2_345_678_901L)), 2);

    assertThat(m.source()).isEqualTo(SOURCE);
    assertThat(m.definition()).isEqualTo(DEFINITION);
    assertThat(m.samples()).isEqualTo(5);
    assertThat(m.cpuMillis()).isEqualTo(2_345);
    assertThat(m.oomKills()).isEqualTo(2);
  }

  @Test
  void unknownCpuTimeIsNull() {
    MemoryFigures m = MemoryFiguresCalculator.compute(
        SOURCE, DEFINITION, SAMPLES, Optional.empty(), Optional.empty(), OptionalLong.empty(),
        Optional.empty(), 0);

    assertThat(m.cpuMillis()).isNull();
  }
}
