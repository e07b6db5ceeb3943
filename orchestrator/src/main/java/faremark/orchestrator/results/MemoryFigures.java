package faremark.orchestrator.results;

/**
 * One run's memory, derived from its raw samples and the kernel's own counters. Bytes; null
 * where the source cannot tell.
 *
 * @param source where the numbers come from: {@code cgroup-v2}, {@code cgroup-v1} or {@code proc-rss}
 * @param definition what current / anon / file / peak mean for that source, in words
 * @param samples samples taken
 * @param meanIntervalMs mean time between samples
 * @param baselineBytes memory in use when the workload said {@code ready} (runtime up, no request
 *     sent): the runtime's own cost
 * @param peakBytes the run's peak: the kernel's high-water mark where the source has one (no peak
 *     between samples is missed), else the highest sample
 * @param peakSource {@code kernel} or {@code sampled}
 * @param sampledPeakBytes highest sampled usage over the whole run
 * @param phasePeakBytes highest sampled usage between {@code ready} and {@code done}: the
 *     request phase alone
 * @param peakAboveBaselineBytes {@code peakBytes - baselineBytes}: what the concurrency cost
 * @param anonBaselineBytes anonymous (RSS-like: heap, stacks, malloc) memory at {@code ready}
 * @param anonPeakBytes highest sampled anonymous memory
 * @param cpuMillis CPU time (user + system) of everything in the run
 * @param oomKills OOM kills counted by the kernel for the run
 */
public record MemoryFigures(
    String source,
    String definition,
    int samples,
    Double meanIntervalMs,
    Long baselineBytes,
    Long peakBytes,
    String peakSource,
    Long sampledPeakBytes,
    Long phasePeakBytes,
    Long peakAboveBaselineBytes,
    Long anonBaselineBytes,
    Long anonPeakBytes,
    Long cpuMillis,
    long oomKills) {}
