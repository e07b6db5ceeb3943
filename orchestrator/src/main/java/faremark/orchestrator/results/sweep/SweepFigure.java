package faremark.orchestrator.results.sweep;

import faremark.orchestrator.results.RunRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A per-run figure of a sweep: what it means, its unit, whether a line is fitted to it, and how
 * it is read from a run's record (null where the run does not have it).
 *
 * @param id its name in {@code sweep.json} and {@code sweep.csv}
 */
record SweepFigure(
    String id, Unit unit, boolean fitted, String definition, Function<RunRecord, Double> value) {

  static final String PEAK = "peakBytes";
  static final String REQUEST_PHASE = "requestPhaseMs";
  /** Breakdown keys at full in-flight, as {@code atFullInFlight.<key>}. */
  static final String AT_FULL = "atFullInFlight.";
  /** The breakdown's keys in the order they are shown; a key the contract did not know follows. */
  static final List<String> BREAKDOWN_KEYS =
      List.of("anon", "file", "kernel", "kernelStack", "sock", "pageTables", "total");

  private static final Map<String, String> BREAKDOWN_MEANING = Map.of(
      "anon", "anonymous memory (heap, thread stacks, malloc: what RSS mostly counts)",
      "file", "page cache charged to the run (files it read or wrote, its own binaries)",
      "kernel", "kernel memory charged to the run (stacks, socket buffers, page tables, slab)",
      "kernelStack", "kernel stacks, one per thread of the run",
      "sock", "socket buffers (TCP send and receive queues)",
      "pageTables", "page tables of the run's processes",
      "total", "the whole of the run's memory usage (cgroup memory.current / memory.usage_in_bytes)");

  static SweepFigure peak() {
    return new SweepFigure(PEAK, Unit.BYTES, true, "the run's memory peak (run.json memory"
        + ".peakBytes): the kernel's high-water mark of the run's cgroup (v2 memory.peak, v1"
        + " memory.max_usage_in_bytes) where it has one, else the highest sample. Includes the"
        + " runtime, garbage not yet collected, and kernel memory the cgroup is charged with",
        r -> r.memory() == null || r.memory().peakBytes() == null ? null
            : r.memory().peakBytes().doubleValue());
  }

  static SweepFigure requestPhase() {
    return new SweepFigure(REQUEST_PHASE, Unit.MILLISECONDS, false, "the workload's own time from"
        + " its first request issued to its last response handled; shown per point, no line"
        + " fitted (with a barrier it is service time plus the wait for N requests in flight)",
        RunRecord::requestPhaseMs);
  }

  static SweepFigure atFullInFlight(String key) {
    String meaning = BREAKDOWN_MEANING.getOrDefault(key, "the breakdown's key '" + key + "'");
    return new SweepFigure(AT_FULL + key, Unit.BYTES, true, meaning + ", read from the run's"
        + " cgroup files when the fare server released its barrier with every request in flight"
        + " (run.json breakdown.atFullInFlight." + key + "; the source is named per model)",
        r -> r.breakdown() == null || r.breakdown().atFullInFlight() == null
            || r.breakdown().atFullInFlight().get(key) == null ? null
            : r.breakdown().atFullInFlight().get(key).doubleValue());
  }

  /** Peak, then every breakdown key any run has (in {@link #BREAKDOWN_KEYS} order), then request phase. */
  static List<SweepFigure> of(List<RunRecord> runs) {
    TreeSet<String> unknown = new TreeSet<>();
    java.util.Set<String> present = new java.util.HashSet<>();
    for (RunRecord r : runs) {
      if (r.breakdown() != null && r.breakdown().atFullInFlight() != null) {
        for (String k : r.breakdown().atFullInFlight().keySet()) {
          present.add(k);
          if (!BREAKDOWN_KEYS.contains(k)) {
            unknown.add(k);
          }
        }
      }
    }
    List<SweepFigure> figures = new ArrayList<>();
    figures.add(peak());
    BREAKDOWN_KEYS.stream().filter(present::contains).forEach(k -> figures.add(atFullInFlight(k)));
    unknown.forEach(k -> figures.add(atFullInFlight(k)));
    figures.add(requestPhase());
    return figures;
  }
}
