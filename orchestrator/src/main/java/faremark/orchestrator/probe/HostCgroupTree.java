package faremark.orchestrator.probe;

import faremark.orchestrator.backend.docker.ContainerCgroups;
import faremark.orchestrator.backend.local.CgroupLayout;
import faremark.orchestrator.sampling.MemoryProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The host's cgroup tree as the probe container sees it: the cgroup filesystems mounted under
 * {@code root} (read from the probe's own mountinfo, so what counts is what the kernel mounted,
 * not what was asked for), and in them a container's cgroup found by its id. The probe cannot see
 * the container's processes (it has a pid namespace of its own), so where {@link
 * ContainerCgroups} reads the path from {@code /proc/<pid>/cgroup}, this looks it up: first where
 * the engine's drivers put it (cgroupfs {@code docker/<id>}, systemd {@code
 * system.slice/docker-<id>.scope}), then anywhere in the tree (a cgroup parent, rootless
 * engines), and hands the path to {@link ContainerCgroups#locate(String, CgroupLayout)}.
 */
public final class HostCgroupTree {
  /** Deep enough for rootless systemd engines (user.slice/user-N.slice/user@N.service/...). */
  static final int MAX_DEPTH = 8;

  private final List<CgroupLayout.Mount> mounts;

  HostCgroupTree(List<CgroupLayout.Mount> mounts) {
    this.mounts = List.copyOf(mounts);
  }

  /**
   * The cgroup mounts under {@code root} in {@code mountinfo}; {@code procSelfCgroup} is only
   * read because the layout parser wants it.
   *
   * @throws IOException where the files cannot be read
   */
  public static HostCgroupTree read(Path root, Path mountinfo, Path procSelfCgroup) throws IOException {
    List<CgroupLayout.Mount> under = CgroupLayout.read(mountinfo, procSelfCgroup).mounts().stream()
        .filter(m -> m.mountPoint().startsWith(root)).toList();
    return new HostCgroupTree(under);
  }

  public List<CgroupLayout.Mount> mounts() {
    return mounts;
  }

  /** The mount the container's cgroup is looked up in: v1's memory hierarchy, or the v2 one. */
  Optional<CgroupLayout.Mount> searched() {
    Optional<CgroupLayout.Mount> v1 = mounts.stream()
        .filter(m -> !m.v2() && m.controllers().contains("memory")).findFirst();
    return v1.or(() -> mounts.stream().filter(CgroupLayout.Mount::v2).findFirst());
  }

  /**
   * The container's cgroup as a probe, or empty while it is not there (not created yet) or not
   * readable. {@code walk}: also look through the whole tree, not only where the drivers put it.
   */
  public Optional<MemoryProbe> find(String containerId, boolean walk) {
    Optional<CgroupLayout.Mount> mount = searched();
    if (mount.isEmpty()) {
      return Optional.empty();
    }
    Path top = mount.get().mountPoint();
    Optional<String> relative = Stream.of("docker/" + containerId, "system.slice/docker-" + containerId + ".scope")
        .filter(p -> Files.isDirectory(top.resolve(p))).findFirst();
    if (relative.isEmpty() && walk) {
      relative = walk(top, containerId);
    }
    return relative.flatMap(r -> ContainerCgroups.locate(containerId, layoutAt("/" + r)));
  }

  /** The layout as if a process sat in {@code path} of every hierarchy mounted here. */
  CgroupLayout layoutAt(String path) {
    List<CgroupLayout.Membership> in = new ArrayList<>();
    for (int i = 0; i < mounts.size(); i++) {
      CgroupLayout.Mount m = mounts.get(i);
      in.add(m.v2() ? new CgroupLayout.Membership(0, java.util.Set.of(), path)
          : new CgroupLayout.Membership(i + 1, m.controllers(), path));
    }
    // Resolve against the hierarchy's root: the mount shows all of it (a bind of the host's).
    List<CgroupLayout.Mount> whole = mounts.stream()
        .map(m -> new CgroupLayout.Mount(m.mountPoint(), "/", m.v2(), m.controllers())).toList();
    return new CgroupLayout(whole, in);
  }

  /** Breadth first, to {@link #MAX_DEPTH}: the first directory whose name holds the id. */
  static Optional<String> walk(Path top, String containerId) {
    ArrayDeque<Path> todo = new ArrayDeque<>(List.of(top));
    while (!todo.isEmpty()) {
      Path dir = todo.poll();
      try (Stream<Path> children = Files.list(dir)) {
        for (Path child : (Iterable<Path>) children::iterator) {
          if (!Files.isDirectory(child)) {
            continue;
          }
          if (child.getFileName().toString().contains(containerId)) {
            return Optional.of(top.relativize(child).toString());
          }
          if (top.relativize(child).getNameCount() < MAX_DEPTH) {
            todo.add(child);
          }
        }
      } catch (IOException | java.io.UncheckedIOException e) {
        // removed while listed (another container stopped): nothing of ours in it
      }
    }
    return Optional.empty();
  }
}
