package faremark.orchestrator.scenario;

import faremark.contract.DataSize;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * A scenario's {@code sweep}: one parameter over a list of values (the points), each point run
 * for every model × repetition, plus an optional second, categorical axis for the Java models'
 * heap.
 *
 * @param parameter what is varied
 * @param values the points, in the order the scenario gives them (a grid already expanded)
 * @param order the runs' order; {@link SweepOrder#SHUFFLED} draws from {@code seed}
 * @param seed the shuffle's seed, recorded (and used) whatever the order, so a rerun is the same
 * @param barrier hold the fare server's answers until every request a run can have in flight is
 *     in service at once, and record how many were (see docs/sweep.md)
 * @param barrierTimeout how long after a run's first held request the barrier gives up and
 *     releases what it holds, recording the run as not having reached its target
 * @param javaHeap the Java models' heap variants: {@link #DEFAULT_HEAP} (the JVM's ergonomics) or
 *     a size the heap is pinned to ({@code -Xms} = {@code -Xmx}); Python models run once per point
 */
public record Sweep(
    SweepParameter parameter, List<Integer> values, SweepOrder order, long seed, boolean barrier,
    Duration barrierTimeout, List<String> javaHeap) {

  /** The heap variant that adds no flag. */
  public static final String DEFAULT_HEAP = "default";

  /**
   * Repetitions per point unless the scenario says otherwise: the fewest runs whose median has a
   * distribution-free 95 % interval (order statistics: with n runs the interval from the smallest
   * to the largest covers the median with probability 1 - 2 × 0.5^n, which is 96.9 % at n = 6 and
   * 93.8 % at n = 5).
   */
  public static final int REPETITIONS = 6;

  /**
   * How long the barrier waits after a run's first held request: within the default request
   * timeout (30 s), which a held request must outlive (see {@link SweepBinder#checkPoints}).
   */
  public static final Duration BARRIER_TIMEOUT = Duration.ofSeconds(20);

  public Sweep {
    Objects.requireNonNull(parameter, "parameter");
    Objects.requireNonNull(order, "order");
    Objects.requireNonNull(barrierTimeout, "barrierTimeout");
    values = List.copyOf(values);
    javaHeap = List.copyOf(javaHeap);
    if (values.isEmpty() || new LinkedHashSet<>(values).size() != values.size()) {
      throw new IllegalArgumentException("a sweep needs at least one value, without repeats");
    }
    if (javaHeap.isEmpty() || new LinkedHashSet<>(javaHeap).size() != javaHeap.size()) {
      throw new IllegalArgumentException("javaHeap needs at least one variant, without repeats");
    }
    for (String h : javaHeap) {
      if (!h.equals(DEFAULT_HEAP)) {
        DataSize.parse(h);
      }
    }
  }

  public int points() {
    return values.size();
  }

  public int value(int point) {
    return values.get(point);
  }

  /** The JVM flags of a heap variant: none for the default, {@code -Xms}/{@code -Xmx} pinned. */
  public static List<String> heapFlags(String variant) {
    if (variant.equals(DEFAULT_HEAP)) {
      return List.of();
    }
    long mib = Math.max(1, DataSize.parse(variant).bytes() >> 20);
    return List.of("-Xms" + mib + "m", "-Xmx" + mib + "m");
  }

  /** The run-id part of a heap variant: empty for the default, {@code heap512m} else. */
  public static String heapLabel(String variant) {
    return variant.equals(DEFAULT_HEAP) ? "" : "heap" + variant.toLowerCase(java.util.Locale.ROOT)
        .replaceAll("[^a-z0-9]", "");
  }
}
