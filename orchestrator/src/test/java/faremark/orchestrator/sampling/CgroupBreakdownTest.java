package faremark.orchestrator.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The breakdown by kind from a cgroup's files: what each version gives, and nothing invented. */
class CgroupBreakdownTest {
  @TempDir Path dir;

  @Test
  void v2GivesEveryKeyFromMemoryStatAndSaysWhichAreMissing() throws IOException {
    Files.writeString(dir.resolve("memory.stat"),
        "anon 100\nfile 20\nkernel 30\nkernel_stack 4\nsock 5\npagetables 6\nshmem 0\n");
    Files.writeString(dir.resolve("memory.current"), "160\n");
    CgroupBreakdown b = new CgroupBreakdown(dir, true);
    assertThat(b.read()).containsExactly(
        java.util.Map.entry("anon", 100L), java.util.Map.entry("file", 20L),
        java.util.Map.entry("kernel", 30L), java.util.Map.entry("kernelStack", 4L),
        java.util.Map.entry("sock", 5L), java.util.Map.entry("pageTables", 6L),
        java.util.Map.entry("total", 160L));
    assertThat(b.missing()).isEmpty();

    Files.writeString(dir.resolve("memory.stat"), "anon 100\nfile 20\nkernel_stack 4\nsock 5\npagetables 6\n");
    assertThat(b.read()).doesNotContainKey("kernel");
    assertThat(b.missing()).containsOnlyKeys("kernel");
  }

  @Test
  void v1GivesAnonFileKernelAndTotalAndSockOnlyWhereTcpIsAccounted() throws IOException {
    Files.writeString(dir.resolve("memory.stat"), "rss 1\ncache 2\ntotal_rss 100\ntotal_cache 20\n");
    Files.writeString(dir.resolve("memory.usage_in_bytes"), "150\n");
    Files.writeString(dir.resolve("memory.kmem.usage_in_bytes"), "30\n");
    Files.writeString(dir.resolve("memory.kmem.tcp.usage_in_bytes"), "0\n");
    Files.writeString(dir.resolve("memory.kmem.tcp.limit_in_bytes"), "9223372036854771712\n");
    CgroupBreakdown b = new CgroupBreakdown(dir, false);
    assertThat(b.read()).containsOnlyKeys("anon", "file", "kernel", "total");
    assertThat(b.read().get("anon")).isEqualTo(100);
    assertThat(b.missing()).containsOnlyKeys("kernelStack", "pageTables", "sock");
    assertThat(b.missing().get("sock")).contains("limit_in_bytes");
    assertThat(b.source()).contains("cgroup v1").doesNotContain("tcp");

    Files.writeString(dir.resolve("memory.kmem.tcp.limit_in_bytes"), "4611686018427387904\n");
    Files.writeString(dir.resolve("memory.kmem.tcp.usage_in_bytes"), "8\n");
    assertThat(b.read().get("sock")).isEqualTo(8);
    assertThat(b.missing()).doesNotContainKey("sock");
  }

  @Test
  void theTrackerKeepsTheBreakdownAtTheReleaseAndAtTheHighestSample() throws IOException {
    Files.writeString(dir.resolve("memory.stat"), "anon 10\nfile 1\n");
    Files.writeString(dir.resolve("memory.current"), "11\n");
    AtomicBoolean released = new AtomicBoolean();
    BreakdownTracker t = new BreakdownTracker(new CgroupBreakdown(dir, true), released::get);
    t.accept(sample(11));
    Files.writeString(dir.resolve("memory.stat"), "anon 50\nfile 1\n");
    released.set(true);
    t.accept(sample(51));
    Files.writeString(dir.resolve("memory.stat"), "anon 90\nfile 1\n");
    t.accept(sample(91));
    Files.writeString(dir.resolve("memory.stat"), "anon 5\nfile 1\n");
    t.accept(sample(6));
    BreakdownTracker.Snapshots s = t.snapshots();
    assertThat(s.atFullInFlight().orElseThrow().get("anon")).isEqualTo(50);
    assertThat(s.atPeak().orElseThrow().get("anon")).isEqualTo(90);
    assertThat(s.missing()).containsKeys("kernel", "sock");
  }

  private static MemorySample sample(long current) {
    return new MemorySample(Duration.ZERO, current, 0, 0);
  }
}
