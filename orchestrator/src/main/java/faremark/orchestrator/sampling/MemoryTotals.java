package faremark.orchestrator.sampling;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a probe knows about the whole run, read once at its end (before the cgroup is removed).
 *
 * @param peakBytes high-water mark of "current": the kernel's own for cgroups (never misses a peak
 *     between samples); for /proc the highest sampled sum. Empty where the kernel has no peak file
 *     (cgroup v2 before Linux 5.19).
 * @param oomKills processes the kernel's OOM killer killed in the run (0 where not reported)
 * @param failCount cgroup v1 {@code memory.failcnt}: how often usage hit the limit (reclaim was
 *     needed); it is not an OOM count. Empty for other sources.
 * @param cpuTime user + system CPU time of the run; empty where the source cannot tell
 */
public record MemoryTotals(
    OptionalLong peakBytes, long oomKills, OptionalLong failCount, Optional<Duration> cpuTime) {}
