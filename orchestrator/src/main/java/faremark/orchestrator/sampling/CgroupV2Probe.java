package faremark.orchestrator.sampling;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads a cgroup v2 directory (unified hierarchy). All its figures are hierarchical: they include
 * child cgroups, so a workload that makes its own sub-cgroups is still counted.
 *
 * @param dir the cgroup directory, e.g. {@code /sys/fs/cgroup/user.slice/.../faremark/run-1}
 */
public record CgroupV2Probe(Path dir) implements MemoryProbe {

  @Override
  public MemorySample sample(Duration at) {
    long current = CgroupFiles.readLong(dir.resolve("memory.current"));
    Path statFile = dir.resolve("memory.stat");
    Map<String, Long> stat = CgroupFiles.readKeyed(statFile);
    return new MemorySample(
        at,
        current,
        CgroupFiles.require(stat, "anon", statFile),
        CgroupFiles.require(stat, "file", statFile));
  }

  @Override
  public MemoryTotals totals() {
    // memory.peak arrived in Linux 5.19; before that there is no kernel peak on v2.
    OptionalLong peak = CgroupFiles.readLongIfPresent(dir.resolve("memory.peak"));
    Path eventsFile = dir.resolve("memory.events");
    long oomKills = CgroupFiles.readKeyed(eventsFile).getOrDefault("oom_kill", 0L);
    return new MemoryTotals(peak, oomKills, OptionalLong.empty(), cpu());
  }

  /** {@code cpu.stat} alone: read on the events' reader thread. */
  @Override
  public Optional<Duration> cpuNow() {
    try {
      return cpu();
    } catch (ProbeException e) {
      return Optional.empty();
    }
  }

  private Optional<Duration> cpu() {
    // cpu.stat's usage_usec is there in every v2 cgroup, with or without the cpu controller.
    return CgroupFiles.readKeyedIfPresent(dir.resolve("cpu.stat"))
        .map(m -> m.get("usage_usec"))
        .map(usec -> Duration.ofNanos(usec * 1_000L));
  }

  @Override
  public String source() {
    return "cgroup-v2";
  }

  @Override
  public String definition() {
    return "cgroup v2 files of the run's cgroup (children included). current = memory.current: all"
        + " memory charged to the cgroup (anonymous + page cache + kernel memory such as socket"
        + " buffers and page tables). anon = memory.stat 'anon': anonymous memory (heap, stacks;"
        + " the RSS-like part). file = memory.stat 'file': page cache, including tmpfs/shmem."
        + " peak = memory.peak, the kernel's own high-water mark of memory.current, so no peak"
        + " between samples is missed (absent before Linux 5.19). OOM kills = memory.events"
        + " 'oom_kill'. CPU time = cpu.stat 'usage_usec' (user + system).";
  }
}
