package faremark.workload;

import faremark.contract.WarmupPass;
import faremark.contract.WorkloadResult;
import faremark.contract.WorkloadSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The spec's warm-up passes ({@link WorkloadSpec#warmup()}) for every model alike: before the
 * measured instance exists, the whole job runs {@code warmup} times, each time through a fresh,
 * throw-away instance of the same model that is closed afterwards (its client, connections and
 * threads go with it). What stays warm is the JVM: loaded and linked classes, generated lambdas,
 * profiles and compiled code — the first use the docs/cold-start.md page measured. The measured
 * instance still connects and starts its threads itself, as every Python model does.
 *
 * <p>A model that runs its requests in other processes ({@link WorkloadModel#warmsUpItself()},
 * multi-process) gains nothing from a throw-away instance here: a new one would start new JVMs.
 * It warms up inside each worker and reports the passes itself.
 */
final class WarmupPasses {
  private WarmupPasses() {}

  /**
   * Runs the passes and returns the instance to measure: a fresh one after the passes, or {@code
   * first} itself when there are none or the model makes them itself.
   *
   * @param first a created, not yet prepared instance; closed here when it serves as a pass
   * @param passes where the passes' records go, in order
   */
  static WorkloadModel run(WorkloadSpec spec, WorkloadModel first, List<WarmupPass> passes)
      throws Exception {
    WorkloadModel model = first;
    if (model.warmsUpItself()) {
      return model;
    }
    for (int pass = 1; pass <= spec.warmup(); pass++) {
      try (WorkloadModel throwAway = model) {
        throwAway.prepare();
        Duration cpuBefore = RunDetails.processCpu();
        WorkloadResult result = throwAway.run();
        passes.add(WarmupPass.of(result, RunDetails.processCpu().minus(cpuBefore)));
      }
      model = JavaModels.create(spec);
    }
    return model;
  }

  /** {@code result} with the passes in {@code details.warmup}; unchanged without passes. */
  static WorkloadResult record(WorkloadResult result, List<WarmupPass> passes) {
    if (passes.isEmpty()) {
      return result;
    }
    Map<String, Object> details = new TreeMap<>(result.details());
    details.put(WarmupPass.DETAILS_KEY, List.copyOf(passes));
    return result.withDetails(details);
  }
}
