package faremark.orchestrator.results;

import java.util.Map;

/**
 * A run's memory split by kind, from the cgroup's own files, in bytes: at the moment every request
 * was in flight (the barrier's release) and at the run's peak. Keys, present only where the kernel
 * gives them (never invented): {@code anon}, {@code file}, {@code kernel}, {@code kernelStack},
 * {@code sock}, {@code pageTables}, {@code total}. {@code source} says which files they came from,
 * e.g. {@code cgroup v1 memory.stat + memory.kmem.usage_in_bytes}; {@code missing} lists the keys
 * this machine does not give, with why.
 */
public record MemoryBreakdown(
    String source, Map<String, Long> atFullInFlight, Map<String, Long> atPeak, Map<String, String> missing) {}
