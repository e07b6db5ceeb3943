package faremark.orchestrator.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupProbeParsingTest {
  private static final Duration AT = Duration.ofMillis(1234);

  @Test
  void v2SampleReadsCurrentAnonFile() {
    MemorySample s = new CgroupV2Probe(Fixtures.path("cgroup/v2/run")).sample(AT);
    assertThat(s).isEqualTo(new MemorySample(AT, 157_286_400, 110_100_480, 41_943_040));
  }

  @Test
  void v2TotalsReadPeakOomKillsAndCpu() {
    MemoryTotals t = new CgroupV2Probe(Fixtures.path("cgroup/v2/run")).totals();
    assertThat(t.peakBytes()).hasValue(209_715_200);
    assertThat(t.oomKills()).isEqualTo(1); // oom_kill, not oom (2) nor max (12)
    assertThat(t.failCount()).isEmpty();
    assertThat(t.cpuTime()).contains(Duration.ofNanos(1_523_400_000L));
  }

  @Test
  void v2WithoutPeakFileOnOldKernelsHasEmptyPeak() {
    CgroupV2Probe probe = new CgroupV2Probe(Fixtures.path("cgroup/v2-old/run"));
    assertThat(probe.sample(AT).currentBytes()).isEqualTo(4_096_000);
    MemoryTotals t = probe.totals();
    assertThat(t.peakBytes()).isEmpty();
    assertThat(t.oomKills()).isZero();
    assertThat(t.cpuTime()).isEmpty();
  }

  @Test
  void v1SampleUsesTotalLinesWhichIncludeChildren() {
    MemorySample s = new CgroupV1Probe(Fixtures.path("cgroup/v1/memory/run"), Optional.empty()).sample(AT);
    // total_rss / total_cache, not this cgroup's own rss 2000 / cache 1000
    assertThat(s).isEqualTo(new MemorySample(AT, 157_290_496, 110_104_576, 41_947_136));
  }

  @Test
  void v1TotalsReadMaxUsageOomControlFailcntAndCpuacct() {
    MemoryTotals t =
        new CgroupV1Probe(
                Fixtures.path("cgroup/v1/memory/run"), Optional.of(Fixtures.path("cgroup/v1/cpuacct/run")))
            .totals();
    assertThat(t.peakBytes()).hasValue(213_909_504);
    assertThat(t.oomKills()).isEqualTo(2);
    assertThat(t.failCount()).hasValue(37);
    assertThat(t.cpuTime()).contains(Duration.ofMillis(2750));
  }

  @Test
  void cpuNowReadsTheOneCpuFileOfEitherVersion(@TempDir Path dir) {
    assertThat(new CgroupV2Probe(Fixtures.path("cgroup/v2/run")).cpuNow())
        .contains(Duration.ofNanos(1_523_400_000L));
    assertThat(new CgroupV1Probe(Fixtures.path("cgroup/v1/memory/run"),
        Optional.of(Fixtures.path("cgroup/v1/cpuacct/run"))).cpuNow()).contains(Duration.ofMillis(2750));
    assertThat(new CgroupV1Probe(Fixtures.path("cgroup/v1/memory/run"), Optional.empty()).cpuNow()).isEmpty();
    // a cgroup that is gone (the run ended) is no figure, never an exception on the reader thread
    assertThat(new CgroupV2Probe(dir.resolve("gone")).cpuNow()).isEmpty();
    assertThat(new CgroupV1Probe(dir, Optional.of(dir.resolve("gone"))).cpuNow()).isEmpty();
  }

  @Test
  void v1WithoutCpuacctHasNoCpuTime() {
    assertThat(new CgroupV1Probe(Fixtures.path("cgroup/v1/memory/run"), Optional.empty()).totals().cpuTime())
        .isEmpty();
  }

  @Test
  void v1OldKernelWithoutOomKillLineCountsZero(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("memory.max_usage_in_bytes"), "100\n");
    Files.writeString(dir.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\n");
    MemoryTotals t = new CgroupV1Probe(dir, Optional.empty()).totals();
    assertThat(t.oomKills()).isZero();
    assertThat(t.failCount()).isEmpty();
  }

  @Test
  void missingDirectoryIsAClearProbeException(@TempDir Path dir) {
    Path gone = dir.resolve("gone");
    assertThatThrownBy(() -> new CgroupV2Probe(gone).sample(AT))
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining(gone.resolve("memory.current").toString());
    assertThatThrownBy(() -> new CgroupV1Probe(gone, Optional.empty()).totals())
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("memory.max_usage_in_bytes");
  }

  @Test
  void missingStatLineAndGarbageAreNamed(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("memory.current"), "12\n");
    Files.writeString(dir.resolve("memory.stat"), "anon 1\n");
    assertThatThrownBy(() -> new CgroupV2Probe(dir).sample(AT))
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("'file'");
    Files.writeString(dir.resolve("memory.current"), "lots\n");
    assertThatThrownBy(() -> new CgroupV2Probe(dir).sample(AT))
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("expected a number");
  }

  @Test
  void sourcesAndDefinitionsSayWhatTheFiguresAre() {
    MemoryProbe v2 = new CgroupV2Probe(Path.of("/x"));
    MemoryProbe v1 = new CgroupV1Probe(Path.of("/x"), Optional.empty());
    MemoryProbe proc = ProcTreeProbe.of(1);
    assertThat(v2.source()).isEqualTo("cgroup-v2");
    assertThat(v1.source()).isEqualTo("cgroup-v1");
    assertThat(proc.source()).isEqualTo("proc-rss");
    assertThat(v2.definition()).contains("memory.current", "memory.peak", "anon", "file");
    assertThat(v1.definition()).contains("usage_in_bytes", "total_rss", "total_cache", "max_usage_in_bytes", "fuzz");
    assertThat(proc.definition()).contains("VmRSS", "RssAnon", "RssFile", "missed");
  }
}
