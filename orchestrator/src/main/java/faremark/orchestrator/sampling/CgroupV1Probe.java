package faremark.orchestrator.sampling;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads a cgroup v1 memory directory and, where there is one, the matching cpuacct directory.
 *
 * <p>v1's memory.stat has both {@code rss} (this cgroup only) and {@code total_rss} (this cgroup
 * and its children); the total_* lines are used so children cgroups are counted as v2 does.
 * {@code total_rss} already includes transparent huge pages (kernel docs, cgroup-v1/memory.rst:
 * "rss: anonymous and swap cache memory (includes transparent hugepages)"), so {@code
 * total_rss_huge} is not added again.
 *
 * @param memoryDir e.g. {@code /sys/fs/cgroup/memory/faremark/123-run-1}
 * @param cpuacctDir e.g. {@code /sys/fs/cgroup/cpuacct/faremark/123-run-1}; empty: no CPU time
 */
public record CgroupV1Probe(Path memoryDir, Optional<Path> cpuacctDir) implements MemoryProbe {

  @Override
  public MemorySample sample(Duration at) {
    long usage = CgroupFiles.readLong(memoryDir.resolve("memory.usage_in_bytes"));
    Path statFile = memoryDir.resolve("memory.stat");
    Map<String, Long> stat = CgroupFiles.readKeyed(statFile);
    return new MemorySample(
        at,
        usage,
        CgroupFiles.require(stat, "total_rss", statFile),
        CgroupFiles.require(stat, "total_cache", statFile));
  }

  @Override
  public MemoryTotals totals() {
    long peak = CgroupFiles.readLong(memoryDir.resolve("memory.max_usage_in_bytes"));
    // The oom_kill line in memory.oom_control arrived in Linux 4.13; older kernels only say
    // under_oom, so 0 there means "not reported" as much as "none".
    long oomKills =
        CgroupFiles.readKeyed(memoryDir.resolve("memory.oom_control")).getOrDefault("oom_kill", 0L);
    OptionalLong failCount = CgroupFiles.readLongIfPresent(memoryDir.resolve("memory.failcnt"));
    Optional<Duration> cpu =
        cpuacctDir.map(d -> Duration.ofNanos(CgroupFiles.readLong(d.resolve("cpuacct.usage"))));
    return new MemoryTotals(OptionalLong.of(peak), oomKills, failCount, cpu);
  }

  /** {@code cpuacct.usage} alone: one small file, read on the events' reader thread. */
  @Override
  public Optional<Duration> cpuNow() {
    try {
      return cpuacctDir.map(d -> Duration.ofNanos(CgroupFiles.readLong(d.resolve("cpuacct.usage"))));
    } catch (ProbeException e) {
      return Optional.empty();
    }
  }

  @Override
  public String source() {
    return "cgroup-v1";
  }

  @Override
  public String definition() {
    return "cgroup v1 memory controller files of the run's cgroup (children included)."
        + " current = memory.usage_in_bytes: all memory charged to the cgroup (anonymous + page"
        + " cache); the kernel documents it as a fuzzed, approximate counter (per-CPU charge"
        + " batching), so it can be off by a few hundred KiB per CPU. anon = memory.stat"
        + " 'total_rss': anonymous memory and swap cache, transparent huge pages included."
        + " file = memory.stat 'total_cache': page cache, including tmpfs/shmem."
        + " peak = memory.max_usage_in_bytes, the kernel's own high-water mark of usage, so no"
        + " peak between samples is missed. OOM kills = memory.oom_control 'oom_kill';"
        + " memory.failcnt (times usage hit the limit) is reported separately."
        + " CPU time = cpuacct.usage (nanoseconds, user + system) where cpuacct is mounted.";
  }
}
