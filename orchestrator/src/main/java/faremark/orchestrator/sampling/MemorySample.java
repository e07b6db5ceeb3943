package faremark.orchestrator.sampling;

import java.time.Duration;

/**
 * One reading of a run's memory. What "current", "anon" and "file" mean depends on the probe that
 * took it; {@link MemoryProbe#definition()} says it in words for the results.
 *
 * @param at time since run start on the run's {@link RunClock}
 * @param currentBytes everything the source charges to the run
 * @param anonBytes anonymous memory (heap, stacks: the RSS-like part)
 * @param fileBytes file-backed memory / page cache (and shmem where the source counts it there)
 */
public record MemorySample(Duration at, long currentBytes, long anonBytes, long fileBytes) {}
