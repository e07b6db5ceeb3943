package faremark.orchestrator.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.sampling.MemorySample;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link ProbeFigures}: the probe's samples onto the run's clock, and a cut-off stream said. */
class ProbeFiguresTest {

  @Test
  void samplesMoveToTheRunsClockByTheWallClocksDifference() {
    ProbeStreamReader.Result r = ProbeStreamReaderTest.read(ProbeStreamReaderTest.whole(), 4096);
    // the probe's origin is 2026-12-03T08:00:00.123456789Z; the run started 100 ms later
    Instant launched = Instant.parse("2026-12-03T08:00:00.223456789Z");
    ProbeFigures f = ProbeFigures.of(r, launched, Duration.ofMillis(10), "faremark/probe:abc");
    assertThat(f.samples()).extracting(MemorySample::at).containsExactly(
        Duration.ofMillis(-95), Duration.ofMillis(-85), Duration.ofMillis(-75));
    assertThat(f.stats()).isEqualTo(r.stats().orElseThrow());
    assertThat(f.totals()).isEqualTo(r.totals());
    assertThat(f.definition()).startsWith("a probe container (faremark/probe:abc) beside the run's")
        .contains("/host/cgroup/memory/docker/", "cgroup v1 memory files, in words")
        .doesNotContain("Incomplete");
  }

  @Test
  void aCutOffStreamKeepsItsSamplesAndSaysSo() {
    String whole = ProbeStreamReaderTest.whole();
    String head = whole.substring(0, whole.indexOf("totals") + 3); // cut inside the totals line
    ProbeStreamReader.Result r = ProbeStreamReaderTest.read(head, 64);
    ProbeFigures f = ProbeFigures.of(r, Instant.parse("2026-12-03T08:00:00.123456789Z"),
        Duration.ofMillis(10), "faremark/probe:abc");
    assertThat(f.samples()).hasSize(3);
    assertThat(f.totals()).isEmpty();
    assertThat(f.stats().samples()).isEqualTo(3);
    assertThat(f.stats().meanInterval()).contains(Duration.ofMillis(10));
    assertThat(f.stats().lastFailure()).hasValueSatisfying(m -> assertThat(m)
        .contains("the probe's stream ended before its end line (3 samples, no totals"));
    assertThat(f.definition()).contains("Incomplete: the probe's stream ended before its end line");
  }
}
