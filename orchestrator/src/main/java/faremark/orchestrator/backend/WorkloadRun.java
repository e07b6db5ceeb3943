package faremark.orchestrator.backend;

import faremark.contract.DataSize;
import faremark.contract.WorkloadSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One model × repetition, ready to start: everything a backend needs to run it in isolation,
 * and nothing it would have to look up again in the scenario.
 *
 * @param name unique within the experiment; names the cgroup or container
 * @param spec what the workload is asked to do, its target already the proxy as it sees it
 * @param specFile {@code spec} as written in the run's folder
 * @param runDir the run's folder: stderr.log goes here
 * @param launch which model, in which language, with which runtime flags
 * @param sampleInterval how often memory is read
 * @param memoryLimit the run's memory limit; empty = none
 * @param timeout killed after this long
 * @param released true once the fare server's barrier let this run's requests go (every one it
 *     could have in flight was in service): the moment a backend that reads the run's cgroup takes
 *     the breakdown "at full in flight"; never true without a barrier
 */
public record WorkloadRun(
    String name,
    WorkloadSpec spec,
    Path specFile,
    Path runDir,
    ModelLaunch launch,
    Duration sampleInterval,
    Optional<DataSize> memoryLimit,
    Duration timeout,
    BooleanSupplier released) {

  /** A run without a barrier. */
  public WorkloadRun(String name, WorkloadSpec spec, Path specFile, Path runDir, ModelLaunch launch,
      Duration sampleInterval, Optional<DataSize> memoryLimit, Duration timeout) {
    this(name, spec, specFile, runDir, launch, sampleInterval, memoryLimit, timeout, () -> false);
  }

  public String model() {
    return spec.model();
  }
}
