package faremark.orchestrator.sampling;

import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Follows a run's memory breakdown on the sampler's thread, as each sample arrives (so it adds no
 * thread and reads only on the ticks that matter):
 *
 * <ul>
 *   <li><b>at full in flight</b>: the breakdown read on the first sample after {@code released}
 *       turned true (the fare server's barrier let every held request go; each then still takes
 *       its service time before it is answered, so the requests are all in flight for that long);
 *   <li><b>at peak</b>: the breakdown read right after the sample with the highest {@code
 *       current} the sampler saw. The kernel's own high-water mark (memory.max_usage_in_bytes,
 *       memory.peak) may fall between two samples; the breakdown cannot be read at that instant,
 *       so "at peak" is within one sample interval of the sampled peak. It is tracked, not read at
 *       the end, because anon, file and sock go down again as requests finish.
 * </ul>
 *
 * A read that fails (the cgroup is going away) keeps the last good one.
 */
public final class BreakdownTracker implements Consumer<MemorySample> {
  /** What a run's tracker saw. */
  public record Snapshots(String source, Optional<Map<String, Long>> atFullInFlight,
      Optional<Map<String, Long>> atPeak, Map<String, String> missing) {}

  private final CgroupBreakdown reader;
  private final BooleanSupplier released;
  private final Map<String, String> missing;
  private volatile Map<String, Long> atRelease;
  private volatile Map<String, Long> atPeak;
  private long peak = -1;

  public BreakdownTracker(CgroupBreakdown reader, BooleanSupplier released) {
    this.reader = reader;
    this.released = released;
    Map<String, String> m;
    try {
      m = reader.missing();
    } catch (ProbeException e) {
      m = Map.of("*", "the cgroup could not be read: " + e.getMessage());
    }
    this.missing = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(m));
  }

  @Override
  public void accept(MemorySample sample) {
    if (sample.currentBytes() > peak) {
      peak = sample.currentBytes();
      read().ifPresent(r -> atPeak = r);
    }
    if (atRelease == null && released.getAsBoolean()) {
      read().ifPresent(r -> atRelease = r);
    }
  }

  public Snapshots snapshots() {
    return new Snapshots(reader.source(), Optional.ofNullable(atRelease), Optional.ofNullable(atPeak),
        missing);
  }

  private Optional<Map<String, Long>> read() {
    try {
      return Optional.of(java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(reader.read())));
    } catch (ProbeException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
