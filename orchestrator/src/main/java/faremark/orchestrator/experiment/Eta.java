package faremark.orchestrator.experiment;

import faremark.orchestrator.scenario.Estimates;
import faremark.orchestrator.scenario.Scenario;
import faremark.orchestrator.scenario.ScenarioDefaults;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Estimated time left in an experiment. A model's runs are expected to take as long as its
 * finished runs took on average; a model not yet run is expected to take the scenario's
 * request-phase estimate plus the start-up and shutdown the finished runs needed on average.
 */
final class Eta {
  /** Start-up and shutdown guess before any run has finished: a JVM's, roughly. */
  static final Duration DEFAULT_OVERHEAD = Duration.ofSeconds(1);
  private final List<PlannedRun> plan;
  private final Scenario scenario;
  private final Map<String, long[]> wallByModel = new HashMap<>();
  private long overheadNanos;
  private int overheadCount;

  Eta(List<PlannedRun> plan, Scenario scenario) {
    this.plan = List.copyOf(plan);
    this.scenario = scenario;
  }

  int total() {
    return plan.size();
  }

  /**
   * @param wall launch to exit of a finished run
   * @param requestPhase its request phase, if it reported one
   */
  void finished(PlannedRun run, Duration wall, Duration requestPhase) {
    long[] sum = wallByModel.computeIfAbsent(key(run), m -> new long[2]);
    sum[0] += wall.toNanos();
    sum[1]++;
    if (requestPhase != null) {
      overheadNanos += Math.max(0, wall.toNanos() - requestPhase.toNanos());
      overheadCount++;
    }
  }

  /** Time left: the rest of {@code current} (running for {@code inRun}) and every later run. */
  Duration remaining(PlannedRun current, Duration inRun) {
    Duration left = expected(current).minus(inRun);
    if (left.isNegative()) {
      left = Duration.ZERO;
    }
    for (PlannedRun run : plan) {
      if (run.index() > current.index()) {
        left = left.plus(expected(run));
      }
    }
    return left;
  }

  Duration expected(PlannedRun run) {
    long[] sum = wallByModel.get(key(run));
    if (sum != null && sum[1] > 0) {
      return Duration.ofNanos(sum[0] / sum[1]);
    }
    Duration overhead = overheadCount == 0 ? DEFAULT_OVERHEAD : Duration.ofNanos(overheadNanos / overheadCount);
    // warm-up passes run the whole job again before the measured one
    int passes = 1 + (run.reference() ? ScenarioDefaults.FIRST_USE_WARMUP : scenario.warmup());
    return Estimates.requestPhase(run.scenario(scenario), run.model()).orElse(Duration.ZERO)
        .multipliedBy(passes).plus(overhead);
  }

  /** A model's reference runs make a warm-up pass more than its measured ones: timed apart. */
  private static String key(PlannedRun run) {
    String model = run.cell() == null ? run.model() : run.model() + " at " + run.cell().label();
    return run.reference() ? model + " (first-use reference)" : model;
  }

  /**
   * The whole plan's duration before any run: each run's request-phase estimate (at its point)
   * plus {@link #DEFAULT_OVERHEAD}; runs of models without an estimate count only the overhead.
   */
  static Duration total(List<PlannedRun> plan, Scenario scenario) {
    Eta eta = new Eta(plan, scenario);
    return plan.stream().map(eta::expected).reduce(Duration.ZERO, Duration::plus);
  }
}
