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
 */
public record RunSettings(
    Duration sampleInterval, Optional<DataSize> memoryLimit, Duration timeout, List<String> jvmArgs) {
  public RunSettings {
    Objects.requireNonNull(sampleInterval, "sampleInterval");
    Objects.requireNonNull(memoryLimit, "memoryLimit");
    Objects.requireNonNull(timeout, "timeout");
    jvmArgs = List.copyOf(jvmArgs);
  }
}
