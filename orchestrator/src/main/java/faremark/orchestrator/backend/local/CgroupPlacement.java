package faremark.orchestrator.backend.local;

import java.nio.file.Path;
import java.util.Optional;

/** Where run cgroups go on this machine, or why none can be made. */
public sealed interface CgroupPlacement {

  /**
   * cgroup v2: runs go under {@code parent} = {@code <delegated>/faremark}.
   *
   * @param delegated the nearest ancestor-or-self of our cgroup that we may write and that hands
   *     the memory controller to its children
   * @param enableMemory true when {@code delegated} has no processes and memory still has to be
   *     enabled in its cgroup.subtree_control
   */
  record V2(Path mount, Path delegated, boolean enableMemory) implements CgroupPlacement {
    public Path parent() {
      return delegated.resolve(CgroupSupport.PARENT_NAME);
    }
  }

  /**
   * cgroup v1: runs go under {@code memoryParent} (and the same name under {@code
   * cpuacctParent}).
   */
  record V1(Path memoryParent, Optional<Path> cpuacctParent) implements CgroupPlacement {}

  /** No cgroup can be made here; memory comes from /proc. */
  record None(String reason) implements CgroupPlacement {}
}
