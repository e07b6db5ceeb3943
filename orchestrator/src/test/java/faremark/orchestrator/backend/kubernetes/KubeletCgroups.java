package faremark.orchestrator.backend.kubernetes;

import faremark.orchestrator.Requirement;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The pod's cgroups as a cgroupfs kubelet and runc make them, under {@code
 * faremark-probe-it-<this pid>} rather than {@code kubepods}. The engine makes the parent in
 * every hierarchy for the probe's container ({@code --cgroup-parent}); {@link #close} removes
 * it from all of them, children first, tasks moved back to the root.
 */
final class KubeletCgroups implements AutoCloseable {
  static final String PREFIX = "faremark-probe-it-";
  private static final List<String> CONTAINER_HIERARCHIES = List.of("memory", "cpuacct");
  private final String parent = PREFIX + ProcessHandle.current().pid();
  private final String pod;

  KubeletCgroups(String podUid) {
    this.pod = "pod" + podUid;
  }

  String parentName() {
    return parent;
  }

  /** The pod's cgroup relative to a hierarchy's root. */
  String podPath() {
    return parent + "/" + pod;
  }

  String cgroupParent() {
    return "/" + podPath();
  }

  Path dir(String hierarchy) {
    return ProbeSidecarIT.CGROUP.resolve(hierarchy).resolve(podPath());
  }

  void createPod() throws IOException {
    for (String h : CONTAINER_HIERARCHIES) {
      try {
        Files.createDirectories(dir(h));
      } catch (IOException e) {
        Requirement.CGROUP.missing(ProbeSidecarIT.TEST, "cannot make a cgroup in " + ProbeSidecarIT.CGROUP.resolve(h) + ": " + e);
      }
    }
  }

  /** runc's order: the memory hierarchy first, cpuacct after it. */
  void createContainer(String id) throws IOException {
    for (String h : CONTAINER_HIERARCHIES) {
      Files.createDirectory(dir(h).resolve(id));
    }
  }

  void removeContainer(String id) throws IOException {
    for (String h : CONTAINER_HIERARCHIES) {
      removeTree(ProbeSidecarIT.CGROUP.resolve(h), dir(h).resolve(id));
    }
  }

  @Override
  public void close() throws IOException {
    remove(parent);
  }

  /** Leftovers of a test JVM that died before its cleanup (its pid is gone). */
  static void sweepStale() throws IOException {
    Pattern own = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)");
    for (Path h : hierarchies()) {
      try (Stream<Path> children = Files.list(h)) {
        for (Path c : children.toList()) {
          Matcher m = own.matcher(c.getFileName().toString());
          if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
            removeTree(h, c);
          }
        }
      }
    }
  }

  /** Where {@code name} is still a cgroup, in any hierarchy. */
  static List<Path> leftovers(String name) throws IOException {
    return hierarchies().stream().map(h -> h.resolve(name)).filter(Files::isDirectory).toList();
  }

  private static void remove(String name) throws IOException {
    IOException first = null;
    for (Path h : hierarchies()) {
      try {
        removeTree(h, h.resolve(name));
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** Each mounted hierarchy (v1's controllers, name=systemd, a hybrid host's unified one). */
  private static List<Path> hierarchies() throws IOException {
    try (Stream<Path> all = Files.list(ProbeSidecarIT.CGROUP)) {
      return all.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
    }
  }

  /**
   * Children first; any task still in a cgroup back to the hierarchy's root; then rmdir,
   * polled for a while: a cgroup whose last task just exited may still be busy.
   */
  private static void removeTree(Path hierarchy, Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> children = Files.list(dir)) {
      for (Path c : children.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
        removeTree(hierarchy, c);
      }
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        for (String pid : Files.readAllLines(dir.resolve("cgroup.procs"))) {
          try {
            Files.writeString(hierarchy.resolve("cgroup.procs"), pid.strip());
          } catch (IOException e) {
            // exited meanwhile
          }
        }
        Files.delete(dir);
        return;
      } catch (NoSuchFileException e) {
        return;
      } catch (DirectoryNotEmptyException e) {
        throw e;
      } catch (FileSystemException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
      }
    }
  }
}
