package faremark.orchestrator.probe;

import faremark.orchestrator.backend.docker.ContainerCgroups;
import faremark.orchestrator.backend.local.CgroupLayout;
import faremark.orchestrator.sampling.MemoryProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
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
 *
 * <p>In a Kubernetes pod the probe knows its pod's uid, not the workload container's id: {@link
 * #findPod} finds the pod's cgroup, {@link #childDirs} lists the containers' cgroups already in
 * it, {@link #newChild} the first one that was not, and {@link #probeAt} makes it a probe.
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
      relative = walk(top, name -> name.contains(containerId));
    }
    return relative.flatMap(r -> ContainerCgroups.locate(containerId, layoutAt("/" + r)));
  }

  /**
   * The pod's cgroup directory, or empty while it cannot be seen. Where kubelet puts it, by QoS
   * class: its cgroupfs driver in {@code kubepods/[burstable/|besteffort/]pod<uid>}, its systemd
   * driver in {@code kubepods.slice/[kubepods-burstable.slice/]kubepods[-burstable]-pod<uid>.slice}
   * (or besteffort) with the uid's dashes as underscores. {@code walk}: also look through the
   * whole tree, for a kubelet with another {@code --cgroup-root} (kind's nodes: {@code
   * kubelet.slice/kubelet-kubepods.slice/...}) or a node that is itself a container.
   */
  public Optional<Path> findPod(String podUid, boolean walk) {
    Optional<CgroupLayout.Mount> mount = searched();
    if (mount.isEmpty()) {
      return Optional.empty();
    }
    Path top = mount.get().mountPoint();
    String u = podUid.replace('-', '_');
    Optional<String> relative = Stream.of("kubepods/pod" + podUid, "kubepods/burstable/pod" + podUid,
            "kubepods/besteffort/pod" + podUid,
            "kubepods.slice/kubepods-pod" + u + ".slice",
            "kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod" + u + ".slice",
            "kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod" + u + ".slice")
        .filter(p -> Files.isDirectory(top.resolve(p))).findFirst();
    if (relative.isEmpty() && walk) {
      // the whole name: the first directory merely holding the uid could be a container's
      relative = walk(top, name -> name.equals("pod" + podUid) || name.endsWith("-pod" + u + ".slice"));
    }
    return relative.map(top::resolve);
  }

  /**
   * The names of the directories in {@code dir}: in a pod's cgroup, its containers' cgroups (the
   * control files beside them are files).
   *
   * @throws IOException where {@code dir} cannot be listed (gone)
   */
  public static Set<String> childDirs(Path dir) throws IOException {
    try (Stream<Path> children = Files.list(dir)) {
      return children.filter(Files::isDirectory).map(c -> c.getFileName().toString())
          .collect(Collectors.toUnmodifiableSet());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * A directory in {@code dir} not among {@code known}, or empty (also while {@code dir} cannot
   * be listed). Several new at once are taken in name order: nothing tells which came first.
   */
  public static Optional<Path> newChild(Path dir, Set<String> known) {
    try {
      return childDirs(dir).stream().filter(n -> !known.contains(n)).sorted().findFirst().map(dir::resolve);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * The cgroup directory {@code dir} (in the searched hierarchy) as a probe, with the same path
   * in the other hierarchies mounted here (v1's cpuacct); empty where it is outside the searched
   * hierarchy or its memory files cannot be read.
   */
  public Optional<MemoryProbe> probeAt(Path dir) {
    Optional<Path> top = searched().map(CgroupLayout.Mount::mountPoint).filter(dir::startsWith);
    if (top.isEmpty() || dir.equals(top.get())) {
      return Optional.empty();
    }
    // locate wants a directory that names what it looks for: the directory's own name does
    return ContainerCgroups.locate(dir.getFileName().toString(),
        layoutAt("/" + top.get().relativize(dir)));
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

  /** Breadth first, to {@link #MAX_DEPTH}: the first directory whose name {@code matches}. */
  static Optional<String> walk(Path top, Predicate<String> matches) {
    ArrayDeque<Path> todo = new ArrayDeque<>(List.of(top));
    while (!todo.isEmpty()) {
      Path dir = todo.poll();
      try (Stream<Path> children = Files.list(dir)) {
        for (Path child : (Iterable<Path>) children::iterator) {
          if (!Files.isDirectory(child)) {
            continue;
          }
          if (matches.test(child.getFileName().toString())) {
            return Optional.of(top.relativize(child).toString());
          }
          if (top.relativize(child).getNameCount() < MAX_DEPTH) {
            todo.add(child);
          }
        }
      } catch (IOException | UncheckedIOException e) {
        // removed while listed (another container stopped): nothing of ours in it
      }
    }
    return Optional.empty();
  }
}
