package faremark.orchestrator.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class SamplerTest {

  @Test
  void keepsTheIntervalOnAverageAndStopsOnClose() {
    RunClock clock = RunClock.startNow();
    Sampler sampler = Sampler.start(new CgroupV2Probe(Fixtures.path("cgroup/v2/run")), clock, Duration.ofMillis(10));
    long until = System.nanoTime() + Duration.ofMillis(600).toNanos();
    while (System.nanoTime() < until) {
      LockSupport.parkNanos(until - System.nanoTime()); // the test's own waiting, not the sampler's
    }
    sampler.close();
    List<MemorySample> samples = sampler.samples();
    SamplerStats stats = sampler.stats();
    System.out.println("sampler at 10 ms over 600 ms: " + stats);

    // Deadline schedule: the ticks taken or counted missed are those of the time the series
    // spans, first sample to the closing one, however long this thread overslept: at most one
    // per interval, plus the first and the closing sample and one for rounding; at least as many
    // less three, the ticks a descheduled sampler may still owe when close() stops it.
    long spanTicks = samples.getLast().at().minus(samples.getFirst().at()).toMillis() / 10;
    assertThat(stats.samples() + stats.missedTicks()).as("span %d ticks", spanTicks)
        .isBetween(spanTicks - 3, spanTicks + 3);
    assertThat(stats.samples()).isGreaterThan(20); // even on a loaded 2-core machine
    assertThat(stats.failures()).isZero();
    assertThat(stats.meanInterval()).hasValueSatisfying(
        mean -> assertThat(mean).isBetween(Duration.ofMillis(8), Duration.ofMillis(30)));
    for (int i = 1; i < samples.size(); i++) {
      assertThat(samples.get(i).at()).isGreaterThanOrEqualTo(samples.get(i - 1).at());
    }
    assertThat(samples.getLast().at()).isGreaterThanOrEqualTo(Duration.ofMillis(600));

    int afterClose = sampler.samples().size();
    LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    assertThat(sampler.samples()).hasSize(afterClose);
    sampler.close(); // idempotent: no extra sample
    assertThat(sampler.samples()).hasSize(afterClose);
  }

  @Test
  void failingReadsAreCountedNotThrown() {
    Sampler sampler =
        Sampler.start(new CgroupV2Probe(Path.of("/nonexistent/faremark")), RunClock.startNow(), Duration.ofMillis(5));
    LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    sampler.close();
    SamplerStats stats = sampler.stats();
    assertThat(stats.samples()).isZero();
    assertThat(stats.failures()).isPositive();
    assertThat(stats.lastFailure()).hasValueSatisfying(m -> assertThat(m).contains("memory.current"));
    assertThat(stats.meanInterval()).isEmpty();
  }

  @Test
  void samplesCarryTheRunClock() {
    long[] fake = {0};
    RunClock clock = RunClock.of(() -> fake[0] += 1_000_000); // 1 ms per reading
    try (Sampler sampler =
        Sampler.start(new CgroupV2Probe(Fixtures.path("cgroup/v2/run")), clock, Duration.ofMillis(2))) {
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      sampler.close();
      assertThat(sampler.samples()).isNotEmpty();
      assertThat(sampler.samples().getFirst().at()).isLessThan(Duration.ofMillis(5));
    }
  }
}
