package faremark.orchestrator.sampling;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The fallback where no cgroup can be made: sums the RSS of a process and all its descendants
 * from {@code /proc}. It has no kernel peak, so its peak is the highest sampled sum; and
 * descendants that a crashed child left behind (reparented to init) are no longer found.
 *
 * <p>Children are found through {@code /proc/<pid>/task/<tid>/children} of every thread (a JVM
 * forks from whichever thread called ProcessBuilder), or, on kernels without that file, by
 * scanning every {@code /proc/<pid>/stat} for its parent pid.
 *
 * <p>Stateful (peak and CPU time accumulate over samples), so a class rather than a record;
 * thread-safe.
 */
public final class ProcTreeProbe implements MemoryProbe {
  /** USER_HZ: 100 on every Linux architecture the JDK ships for; /proc times count in it. */
  static final long CLOCK_TICKS_PER_SECOND = 100;

  private final long rootPid;
  private final Path procRoot;
  private long peakBytes = -1;
  /** Last seen utime+stime per process; keyed with the start time so a reused pid is new. */
  private final Map<String, Long> cpuTicks = new HashMap<>();

  public ProcTreeProbe(long rootPid, Path procRoot) {
    this.rootPid = rootPid;
    this.procRoot = procRoot;
  }

  /** The real /proc. */
  public static ProcTreeProbe of(long rootPid) {
    return new ProcTreeProbe(rootPid, Path.of("/proc"));
  }

  public long rootPid() {
    return rootPid;
  }

  public Path procRoot() {
    return procRoot;
  }

  @Override
  public synchronized MemorySample sample(Duration at) {
    Optional<Stat> root = stat(rootPid);
    if (root.isEmpty() || root.get().state() == 'Z') {
      throw new ProbeException("process " + rootPid + " has exited");
    }
    long rss = 0;
    long anon = 0;
    long file = 0;
    for (long pid : tree()) {
      Optional<Stat> st = pid == rootPid ? root : stat(pid);
      if (st.isEmpty()) {
        continue; // exited between listing and reading
      }
      cpuTicks.put(pid + "@" + st.get().startTime(), st.get().cpuTicks());
      Map<String, Long> status = statusKiB(pid);
      rss += status.getOrDefault("VmRSS", 0L) * 1024;
      anon += status.getOrDefault("RssAnon", 0L) * 1024;
      file += (status.getOrDefault("RssFile", 0L) + status.getOrDefault("RssShmem", 0L)) * 1024;
    }
    peakBytes = Math.max(peakBytes, rss);
    return new MemorySample(at, rss, anon, file);
  }

  @Override
  public synchronized MemoryTotals totals() {
    long ticks = cpuTicks.values().stream().mapToLong(Long::longValue).sum();
    return new MemoryTotals(
        peakBytes < 0 ? OptionalLong.empty() : OptionalLong.of(peakBytes),
        0,
        OptionalLong.empty(),
        Optional.of(Duration.ofMillis(ticks * 1000 / CLOCK_TICKS_PER_SECOND)));
  }

  @Override
  public String source() {
    return "proc-rss";
  }

  @Override
  public String definition() {
    return "/proc of the run's process tree (no cgroup could be made). current = sum of VmRSS"
        + " over the root process and its live descendants (shared pages are counted once per"
        + " process, so this can exceed the real footprint of a multi-process run). anon = sum of"
        + " RssAnon. file = sum of RssFile + RssShmem. peak = the highest sampled sum: NOT a"
        + " kernel figure, so a peak between two samples is missed. OOM kills are not reported"
        + " (always 0). CPU time = utime + stime from /proc/<pid>/stat of every process seen in"
        + " the tree, as last sampled (time a process spent after its last sample is missed).";
  }

  /** The root and its descendants, root first. */
  List<Long> tree() {
    boolean childrenFiles = Files.exists(procRoot.resolve(rootPid + "/task/" + rootPid + "/children"));
    Map<Long, List<Long>> byParent = childrenFiles ? null : scanParents();
    Set<Long> seen = new LinkedHashSet<>();
    ArrayDeque<Long> todo = new ArrayDeque<>(List.of(rootPid));
    while (!todo.isEmpty()) {
      long pid = todo.poll();
      if (seen.add(pid)) {
        todo.addAll(childrenFiles ? childrenOf(pid) : byParent.getOrDefault(pid, List.of()));
      }
    }
    return new ArrayList<>(seen);
  }

  private List<Long> childrenOf(long pid) {
    List<Long> children = new ArrayList<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(procRoot.resolve(pid + "/task"))) {
      for (Path task : tasks) {
        readIfPresent(task.resolve("children"))
            .ifPresent(text -> {
              for (String s : text.strip().split("\\s+")) {
                if (!s.isEmpty()) {
                  children.add(Long.parseLong(s));
                }
              }
            });
      }
    } catch (IOException e) {
      // The process exited while we listed it: it has no children any more.
    }
    return children;
  }

  private Map<Long, List<Long>> scanParents() {
    Map<Long, List<Long>> byParent = new HashMap<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(procRoot, "[0-9]*")) {
      for (Path dir : dirs) {
        long pid = Long.parseLong(dir.getFileName().toString());
        stat(pid).ifPresent(st -> byParent.computeIfAbsent(st.ppid(), k -> new ArrayList<>()).add(pid));
      }
    } catch (IOException e) {
      throw new ProbeException("cannot list " + procRoot + ": " + e, e);
    }
    return byParent;
  }

  /** Fields of /proc/<pid>/stat we need; the command name may hold spaces and parentheses. */
  record Stat(char state, long ppid, long cpuTicks, long startTime) {}

  Optional<Stat> stat(long pid) {
    Optional<String> text = readIfPresent(procRoot.resolve(pid + "/stat"));
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String s = text.get();
    int close = s.lastIndexOf(')');
    if (close < 0) {
      throw new ProbeException("unparsable " + procRoot.resolve(pid + "/stat") + ": " + s);
    }
    // after[0] is field 3 (state), so field n is after[n - 3].
    String[] after = s.substring(close + 1).strip().split("\\s+");
    if (after.length < 20) {
      throw new ProbeException("short " + procRoot.resolve(pid + "/stat") + ": " + s);
    }
    return Optional.of(
        new Stat(
            after[0].charAt(0),
            Long.parseLong(after[1]),
            Long.parseLong(after[11]) + Long.parseLong(after[12]),
            Long.parseLong(after[19])));
  }

  /** The "Key: N kB" lines of /proc/<pid>/status, in KiB; empty when the process is gone. */
  private Map<String, Long> statusKiB(long pid) {
    Map<String, Long> values = new HashMap<>();
    readIfPresent(procRoot.resolve(pid + "/status"))
        .ifPresent(text -> {
          for (String line : text.split("\n")) {
            if (line.endsWith(" kB")) {
              int colon = line.indexOf(':');
              String number = line.substring(colon + 1, line.length() - 3).strip();
              values.put(line.substring(0, colon), Long.parseLong(number));
            }
          }
        });
    return values;
  }

  /** Processes vanish at any moment; a missing file is an answer, not an error. */
  private static Optional<String> readIfPresent(Path file) {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
