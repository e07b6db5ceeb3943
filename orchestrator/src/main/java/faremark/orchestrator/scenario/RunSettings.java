package faremark.orchestrator.scenario;

import faremark.contract.DataSize;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the orchestrator runs and watches each model × repetition.
 *
 * @param sampleInterval time between memory samples (the kernel's peak catches what falls between)
 * @param memoryLimit the run's cgroup memory limit; empty = none
 * @param timeout a run still alive after this is killed and recorded as timed out
 * @param jvmArgs extra JVM flags for the Java models, recorded with the results
 * @param preflight before the measured runs, run each model once on a short job and skip, with
 *     its reason, a model that cannot work (recorded under {@code preflight/}, never counted)
 * @param warmup passes of the whole job each workload makes before {@code ready}, through
 *     throw-away instances of its model (the spec's {@code warmup}); 0, the default, measures the
 *     runtime's first use as part of the request phase
 * @param firstUseRuns reference runs per model, each with {@link ScenarioDefaults#FIRST_USE_WARMUP}
 *     warm-up pass, made beside the measured runs and never counted in their figures: the warm
 *     request phase that the report sets against the measured (cold) one (0: none)
 */
public record RunSettings(
    Duration sampleInterval, Optional<DataSize> memoryLimit, Duration timeout, List<String> jvmArgs,
    boolean preflight, int warmup, int firstUseRuns) {
  public RunSettings {
    Objects.requireNonNull(sampleInterval, "sampleInterval");
    Objects.requireNonNull(memoryLimit, "memoryLimit");
    Objects.requireNonNull(timeout, "timeout");
    jvmArgs = List.copyOf(jvmArgs);
    if (warmup < 0 || firstUseRuns < 0) {
      throw new IllegalArgumentException("warmup and firstUse runs must be >= 0");
    }
    if (warmup > 0 && firstUseRuns > 0) {
      throw new IllegalArgumentException(
          "first-use reference runs compare against cold measured runs: they need warmup 0");
    }
  }

  /** With the default pre-flight (on), without warm-up passes or first-use reference runs. */
  public RunSettings(
      Duration sampleInterval, Optional<DataSize> memoryLimit, Duration timeout, List<String> jvmArgs) {
    this(sampleInterval, memoryLimit, timeout, jvmArgs, ScenarioDefaults.PREFLIGHT, 0, 0);
  }
}
