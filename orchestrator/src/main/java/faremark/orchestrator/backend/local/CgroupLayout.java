package faremark.orchestrator.backend.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a process sits in the cgroup hierarchies: the cgroup mounts from {@code
 * /proc/self/mountinfo} and its cgroup paths from {@code /proc/<pid>/cgroup} (ours, or a
 * container's main process for the docker backend). Read-only; the
 * inputs are files so tests can feed fixtures.
 */
public record CgroupLayout(List<Mount> mounts, List<Membership> memberships) {

  /** A cgroup filesystem mount. {@code root} is the hierarchy path shown at the mount point. */
  public record Mount(Path mountPoint, String root, boolean v2, Set<String> controllers) {}

  /** One line of /proc/self/cgroup: {@code id:controllers:path}; v2 is id 0, no controllers. */
  public record Membership(int hierarchyId, Set<String> controllers, String path) {}

  public static CgroupLayout read(Path mountinfo, Path procSelfCgroup) throws IOException {
    return parse(Files.readString(mountinfo), Files.readString(procSelfCgroup));
  }

  static CgroupLayout parse(String mountinfo, String procSelfCgroup) {
    List<Mount> mounts = new ArrayList<>();
    for (String line : mountinfo.split("\n")) {
      // id parent maj:min root mountpoint options [optional...] - fstype source superoptions
      int dash = line.indexOf(" - ");
      if (dash < 0) {
        continue;
      }
      String[] left = line.substring(0, dash).split(" ");
      String[] right = line.substring(dash + 3).split(" ");
      if (left.length < 5 || right.length < 3) {
        continue;
      }
      String fsType = right[0];
      if (fsType.equals("cgroup2")) {
        mounts.add(new Mount(Path.of(unescape(left[4])), unescape(left[3]), true, Set.of()));
      } else if (fsType.equals("cgroup")) {
        Set<String> controllers = Set.copyOf(Arrays.asList(right[2].split(",")));
        mounts.add(new Mount(Path.of(unescape(left[4])), unescape(left[3]), false, controllers));
      }
    }
    List<Membership> memberships = new ArrayList<>();
    for (String line : procSelfCgroup.split("\n")) {
      String[] parts = line.strip().split(":", 3);
      if (parts.length == 3) {
        Set<String> controllers =
            parts[1].isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(parts[1].split(",")));
        memberships.add(new Membership(Integer.parseInt(parts[0]), controllers, parts[2]));
      }
    }
    return new CgroupLayout(List.copyOf(mounts), List.copyOf(memberships));
  }

  /** The v2 mount; /sys/fs/cgroup first where there are several. */
  public Optional<Mount> v2Mount() {
    return mounts.stream()
        .filter(Mount::v2)
        .min((a, b) -> Boolean.compare(!isDefault(a), !isDefault(b)));
  }

  /** The v1 mount carrying {@code controller}. */
  public Optional<Mount> v1Mount(String controller) {
    return mounts.stream().filter(m -> !m.v2() && m.controllers().contains(controller)).findFirst();
  }

  /** Our cgroup directory in {@code mount}, or empty when we are not in that hierarchy. */
  public Optional<Path> ownDir(Mount mount) {
    Optional<Membership> ours =
        memberships.stream()
            .filter(m -> mount.v2()
                ? m.hierarchyId() == 0 && m.controllers().isEmpty()
                : m.controllers().stream().anyMatch(mount.controllers()::contains))
            .findFirst();
    return ours.map(m -> resolve(mount, m.path()));
  }

  /**
   * The directory for hierarchy path {@code path}: a mount that shows only a subtree (containers,
   * cgroup namespaces) has that subtree's path as its root, which is cut off.
   */
  static Path resolve(Mount mount, String path) {
    String relative = path;
    if (!mount.root().equals("/") && (path.equals(mount.root()) || path.startsWith(mount.root() + "/"))) {
      relative = path.substring(mount.root().length());
    }
    relative = relative.replaceFirst("^/+", "");
    return relative.isEmpty() ? mount.mountPoint() : mount.mountPoint().resolve(relative);
  }

  private static boolean isDefault(Mount m) {
    return m.mountPoint().equals(Path.of("/sys/fs/cgroup"));
  }

  /** mountinfo escapes space, tab, newline and backslash as octal. */
  private static String unescape(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
        out.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
