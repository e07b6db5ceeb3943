package faremark.orchestrator.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import faremark.orchestrator.backend.docker.DockerSettings.MemorySource;
import java.io.IOException;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * How one engine's runs have their memory read, resolved once from {@link MemorySource}: {@code
 * auto} becomes host where this process sees the cgroup of a container the engine already runs
 * (the fare server's), else probe. A probe whose image cannot be built leaves the stats, saying
 * why in every run's definition.
 *
 * @param source HOST, PROBE or STATS (never AUTO)
 * @param probeImage the probe's image where source is PROBE
 * @param cgroupVersion the engine's, for the probe's mounts
 * @param note why the runs read what they read, where it is not what was asked; empty otherwise
 * @param probeCpuset the CPUs the probe may use (the fare server's and proxy's, not the
 *     workload's); empty = any
 */
record MemoryPlan(MemorySource source, Optional<ImageRef> probeImage, Optional<String> cgroupVersion,
    Optional<String> note, Optional<String> probeCpuset) {

  /** Today's default for a {@link WorkloadContainer} made without a plan: the host's files. */
  static MemoryPlan host() {
    return new MemoryPlan(MemorySource.HOST, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  /** The probe image, built (or found cached) when it is needed. */
  interface ProbeImage {
    ImageRef get() throws IOException;
  }

  /**
   * @param hostSees whether this process sees the cgroup of a container the engine runs now
   *     (asked only for auto)
   */
  static MemoryPlan resolve(MemorySource asked, BooleanSupplier hostSees,
      Optional<String> cgroupVersion, Optional<String> probeCpuset, ProbeImage probe) {
    MemorySource source = switch (asked) {
      case AUTO -> hostSees.getAsBoolean() ? MemorySource.HOST : MemorySource.PROBE;
      case HOST, PROBE, STATS -> asked;
    };
    if (source != MemorySource.PROBE) {
      return new MemoryPlan(source, Optional.empty(), cgroupVersion, Optional.empty(), probeCpuset);
    }
    try {
      return new MemoryPlan(source, Optional.of(probe.get()), cgroupVersion, Optional.empty(), probeCpuset);
    } catch (IOException e) {
      return new MemoryPlan(MemorySource.STATS, Optional.empty(), cgroupVersion,
          Optional.of("the probe's image could not be had (" + e.getMessage() + ")"), probeCpuset);
    }
  }

  /** Whether the cgroup of container {@code id} is visible to this process. */
  static boolean hostSees(DockerClient docker, ContainerCgroups cgroups, String id) {
    try {
      Long pid = docker.inspectContainerCmd(id).exec().getState().getPidLong();
      return pid != null && cgroups.locate(id, pid).isPresent();
    } catch (DockerException e) {
      return false;
    }
  }
}
