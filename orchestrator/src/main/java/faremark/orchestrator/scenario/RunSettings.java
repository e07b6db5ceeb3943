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
 */
public record RunSettings(
    Duration sampleInterval, Optional<DataSize> memoryLimit, Duration timeout, List<String> jvmArgs,
    boolean preflight) {
  public RunSettings {
    Objects.requireNonNull(sampleInterval, "sampleInterval");
    Objects.requireNonNull(memoryLimit, "memoryLimit");
    Objects.requireNonNull(timeout, "timeout");
    jvmArgs = List.copyOf(jvmArgs);
  }

  /** With the default pre-flight (on). */
  public RunSettings(
      Duration sampleInterval, Optional<DataSize> memoryLimit, Duration timeout, List<String> jvmArgs) {
    this(sampleInterval, memoryLimit, timeout, jvmArgs, ScenarioDefaults.PREFLIGHT);
  }
}
