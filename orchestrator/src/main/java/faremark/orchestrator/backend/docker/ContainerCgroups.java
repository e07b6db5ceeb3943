package faremark.orchestrator.backend.docker;

import faremark.orchestrator.backend.local.CgroupLayout;
import faremark.orchestrator.sampling.CgroupV1Probe;
import faremark.orchestrator.sampling.CgroupV2Probe;
import faremark.orchestrator.sampling.MemoryProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a running container's cgroup directories on this host, from its main process's {@code
 * /proc/<pid>/cgroup} and this host's cgroup mounts: whatever the engine's cgroup driver
 * (cgroupfs: {@code docker/<id>}, systemd: {@code system.slice/docker-<id>.scope}) and version.
 *
 * <p>The directory must name the container's id: where the engine runs elsewhere (Docker
 * Desktop's VM, a remote host), the pid it reports is not a process of this host, or is another
 * one, and its cgroup must not be mistaken for the container's.
 */
public final class ContainerCgroups {
  private final Path procRoot;
  private final Path mountinfo;

  public ContainerCgroups() {
    this(Path.of("/proc"), Path.of("/proc/self/mountinfo"));
  }

  /** Tests point this at fixture files. */
  ContainerCgroups(Path procRoot, Path mountinfo) {
    this.procRoot = procRoot;
    this.mountinfo = mountinfo;
  }

  /** The container's cgroup as a probe, or empty (with nothing read) where it is not visible. */
  public Optional<MemoryProbe> locate(String containerId, long pid) {
    if (pid <= 0) {
      return Optional.empty();
    }
    CgroupLayout layout;
    try {
      layout = CgroupLayout.read(mountinfo, procRoot.resolve(Long.toString(pid)).resolve("cgroup"));
    } catch (IOException e) {
      return Optional.empty();
    }
    return locate(containerId, layout);
  }

  /**
   * The container's cgroup in {@code layout}, or empty where its directories do not name the
   * container or cannot be read. The probe container calls this with the host's cgroup mounts
   * it sees and the path it found by the container's id, since it cannot see the container's
   * process.
   */
  public static Optional<MemoryProbe> locate(String containerId, CgroupLayout layout) {
    Optional<Path> v1Memory = layout.v1Mount("memory").flatMap(layout::ownDir);
    if (v1Memory.isPresent() && names(v1Memory.get(), containerId)
        && Files.isReadable(v1Memory.get().resolve("memory.usage_in_bytes"))) {
      Optional<Path> cpuacct = layout.v1Mount("cpuacct").flatMap(layout::ownDir)
          .filter(d -> names(d, containerId) && Files.isReadable(d.resolve("cpuacct.usage")));
      return Optional.of(new CgroupV1Probe(v1Memory.get(), cpuacct));
    }
    Optional<Path> v2 = layout.v2Mount().flatMap(layout::ownDir);
    if (v2.isPresent() && names(v2.get(), containerId)
        && Files.isReadable(v2.get().resolve("memory.current"))) {
      return Optional.of(new CgroupV2Probe(v2.get()));
    }
    return Optional.empty();
  }

  private static boolean names(Path dir, String containerId) {
    return dir.toString().contains(containerId);
  }
}
