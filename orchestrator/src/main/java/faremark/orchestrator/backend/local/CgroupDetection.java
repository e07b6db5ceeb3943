package faremark.orchestrator.backend.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The read-only checks behind {@link CgroupSupport#detect()}, one method per cgroup version. */
final class CgroupDetection {
  private CgroupDetection() {}

  static CgroupPlacement v2(CgroupLayout layout) {
    Optional<CgroupLayout.Mount> mount = layout.v2Mount();
    if (mount.isEmpty()) {
      return new CgroupPlacement.None("no cgroup v2 mount");
    }
    Path root = mount.get().mountPoint();
    if (!controllers(root.resolve("cgroup.controllers")).contains("memory")) {
      return new CgroupPlacement.None(
          "the cgroup v2 hierarchy at " + root + " has no memory controller (it is bound to cgroup v1)");
    }
    Optional<Path> own = layout.ownDir(mount.get());
    if (own.isEmpty()) {
      return new CgroupPlacement.None("this process is not in the cgroup v2 hierarchy");
    }
    // Nearest first: the smallest subtree we may use is the one least likely to disturb others.
    for (Path c = own.get(); c != null && c.startsWith(root); c = c.getParent()) {
      boolean isRoot = c.equals(root);
      boolean isOwn = c.equals(own.get());
      if (!Files.isWritable(c) || !Files.isWritable(c.resolve("cgroup.procs"))) {
        continue;
      }
      if (!isRoot && !controllers(c.resolve("cgroup.controllers")).contains("memory")) {
        continue;
      }
      if (isRoot || controllers(c.resolve("cgroup.subtree_control")).contains("memory")) {
        return new CgroupPlacement.V2(root, c, false);
      }
      // Memory could be enabled for c's children only if c holds no process ("no internal
      // processes"); we are in our own cgroup, so that is never true of it.
      if (!isOwn && Files.isWritable(c.resolve("cgroup.subtree_control")) && hasNoProcesses(c)) {
        return new CgroupPlacement.V2(root, c, true);
      }
    }
    return new CgroupPlacement.None(
        (isRoot() ? "root, but " : "not root and ")
            + "no delegated cgroup v2 subtree with the memory controller above our cgroup "
            + own.get()
            + " (run faremark under `systemd-run --user --scope -p Delegate=yes ...` to get one)");
  }

  static CgroupPlacement v1(CgroupLayout layout) {
    Optional<CgroupLayout.Mount> memory = layout.v1Mount("memory");
    if (memory.isEmpty()) {
      return new CgroupPlacement.None("no cgroup v1 memory hierarchy mounted");
    }
    Optional<Path> memoryParent = v1Parent(layout, memory.get());
    if (memoryParent.isEmpty()) {
      return new CgroupPlacement.None(
          (isRoot() ? "" : "not root: ")
              + "the cgroup v1 memory hierarchy at " + memory.get().mountPoint() + " is not writable");
    }
    Optional<Path> cpuacctParent = layout.v1Mount("cpuacct").flatMap(m -> v1Parent(layout, m));
    return new CgroupPlacement.V1(memoryParent.get(), cpuacctParent);
  }

  /** {@code <our cgroup>/faremark} when we may write there, else {@code <mount>/faremark}. */
  private static Optional<Path> v1Parent(CgroupLayout layout, CgroupLayout.Mount mount) {
    Optional<Path> own = layout.ownDir(mount).filter(CgroupDetection::writable);
    if (own.isPresent()) {
      return Optional.of(own.get().resolve(CgroupSupport.PARENT_NAME));
    }
    return writable(mount.mountPoint())
        ? Optional.of(mount.mountPoint().resolve(CgroupSupport.PARENT_NAME))
        : Optional.empty();
  }

  private static boolean writable(Path dir) {
    return Files.isDirectory(dir) && Files.isWritable(dir) && Files.isWritable(dir.resolve("cgroup.procs"));
  }

  static void enableMemory(Path dir) throws IOException {
    if (!controllers(dir.resolve("cgroup.subtree_control")).contains("memory")) {
      Files.writeString(dir.resolve("cgroup.subtree_control"), "+memory");
    }
  }

  static List<String> controllers(Path file) {
    try {
      return CgroupSupport.words(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      return List.of();
    }
  }

  private static boolean hasNoProcesses(Path dir) {
    try {
      return Files.readString(dir.resolve("cgroup.procs")).isBlank();
    } catch (IOException e) {
      return false;
    }
  }

  /** Effective uid 0, from /proc/self/status ("Uid: real effective saved fs"). */
  static boolean isRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return CgroupSupport.words(line.substring(4)).get(1).equals("0");
        }
      }
    } catch (IOException | RuntimeException e) {
      // Unknown: say "not root" in messages, which is the likelier cause anyway.
    }
    return false;
  }
}
