package faremark.orchestrator.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** {@link Sampler#streaming}: every sample goes to the sink, none is kept, the stats still count. */
class SamplerStreamingTest {

  @Test
  void handsEverySampleToTheSinkAndKeepsNone() {
    List<MemorySample> seen = new CopyOnWriteArrayList<>();
    Sampler sampler = Sampler.streaming(new CgroupV2Probe(Fixtures.path("cgroup/v2/run")),
        RunClock.startNow(), Duration.ofMillis(10), seen::add);
    LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
    sampler.close();
    SamplerStats stats = sampler.stats();
    assertThat(sampler.samples()).isEmpty();
    assertThat(seen).hasSize(stats.samples()).hasSizeGreaterThan(5);
    assertThat(stats.meanInterval()).contains(
        seen.getLast().at().minus(seen.getFirst().at()).dividedBy(seen.size() - 1));
  }
}
