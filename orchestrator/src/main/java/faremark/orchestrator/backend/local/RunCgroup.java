package faremark.orchestrator.backend.local;

import faremark.contract.DataSize;
import faremark.orchestrator.lifecycle.Cleanup;
import faremark.orchestrator.sampling.CgroupV1Probe;
import faremark.orchestrator.sampling.CgroupV2Probe;
import faremark.orchestrator.sampling.MemoryProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;

/**
 * One run's cgroup (v2: one directory; v1: a memory directory and, where mounted, a cpuacct one).
 * Made by {@link CgroupSupport#create}; registered with {@link Cleanup} until closed.
 */
public final class RunCgroup implements AutoCloseable {
  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration RMDIR_TIMEOUT = Duration.ofSeconds(5);

  private final boolean v2;
  /** Memory directory first (v2: the only one), then cpuacct. */
  private final List<Path> dirs;
  private final Cleanup.Registration registration;
  private boolean closed;

  private RunCgroup(boolean v2, List<Path> dirs) {
    this.v2 = v2;
    this.dirs = List.copyOf(dirs);
    this.registration = Cleanup.global().register("cgroup " + dirs.getFirst(), this);
  }

  static RunCgroup create(boolean v2, List<Path> dirs, Optional<DataSize> memoryLimit) throws IOException {
    List<Path> made = new ArrayList<>();
    try {
      for (Path d : dirs) {
        if (Files.isDirectory(d)) {
          killAndRemove(d, v2); // a leftover of ours with the same name
        }
        Files.createDirectory(d);
        made.add(d);
      }
      if (memoryLimit.isPresent()) {
        applyLimit(v2, dirs.getFirst(), memoryLimit.get().bytes());
      }
    } catch (IOException | RuntimeException e) {
      for (Path d : made.reversed()) {
        rmdirQuietly(d);
      }
      throw e;
    }
    return new RunCgroup(v2, dirs);
  }

  private static void applyLimit(boolean v2, Path dir, long bytes) throws IOException {
    if (v2) {
      Files.writeString(dir.resolve("memory.max"), Long.toString(bytes));
      // A workload that may swap would show a smaller peak and run slower: not what we measure.
      if (Files.exists(dir.resolve("memory.swap.max"))) {
        Files.writeString(dir.resolve("memory.swap.max"), "0");
      }
    } else {
      Files.writeString(dir.resolve("memory.limit_in_bytes"), Long.toString(bytes));
      // memsw (memory + swap) exists only with swap accounting; equal to the limit = no swap.
      if (Files.exists(dir.resolve("memory.memsw.limit_in_bytes"))) {
        Files.writeString(dir.resolve("memory.memsw.limit_in_bytes"), Long.toString(bytes));
      }
    }
  }

  /** The memory cgroup directory (v2: the cgroup). */
  public Path dir() {
    return dirs.getFirst();
  }

  public String version() {
    return v2 ? "cgroup-v2" : "cgroup-v1";
  }

  /** Reads this cgroup's memory by kind (anon, file, kernel, ...); before {@link #close()}. */
  public faremark.orchestrator.sampling.CgroupBreakdown breakdown() {
    return new faremark.orchestrator.sampling.CgroupBreakdown(dir(), v2);
  }

  /** A probe on this cgroup; read its totals before {@link #close()}. */
  public MemoryProbe probe() {
    return v2
        ? new CgroupV2Probe(dir())
        : new CgroupV1Probe(dir(), dirs.size() > 1 ? Optional.of(dirs.get(1)) : Optional.empty());
  }

  /**
   * {@code command}, preceded by a tiny shell that writes its own pid into this cgroup and then
   * execs the command. The exec keeps the pid, so the command's first instruction already runs in
   * the cgroup, and memory the orchestrator's JVM used to fork is not charged to the run (charges
   * do not move with a process). If joining fails the shell exits 125 with a message on stderr.
   */
  public List<String> wrap(List<String> command) {
    StringBuilder join = new StringBuilder("{ ");
    for (int i = 0; i < dirs.size(); i++) {
      join.append(i == 0 ? "" : " && ").append("echo $$ > ").append(shQuote(dirs.get(i).resolve("cgroup.procs").toString()));
    }
    String script =
        join + "; } || { echo " + shQuote("faremark-launch: cannot join cgroup " + dir())
            + " >&2; exit 125; }; exec \"$@\"";
    List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", script, "faremark-launch"));
    wrapped.addAll(command);
    return wrapped;
  }

  /** Pids in this cgroup and any cgroup the workload made below it. */
  public Set<Long> pids() {
    return pidsUnder(dir());
  }

  /**
   * Kills every process in the cgroup: v2's {@code cgroup.kill} where the kernel has it (5.14+,
   * atomic, forks cannot escape), else SIGKILL to every pid in cgroup.procs, repeated until none
   * is left (a process may fork while we kill).
   *
   * @throws IllegalStateException when processes are still there after 10 s (unkillable, D state)
   */
  public void killAll() {
    for (Path d : dirs) {
      killAllIn(d, v2);
    }
  }

  /** {@link #killAll()} then remove the directories; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    try {
      for (Path d : dirs) {
        killAndRemove(d, v2);
      }
      closed = true;
    } finally {
      registration.close();
    }
  }

  static void killAndRemove(Path dir, boolean v2) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    killAllIn(dir, v2);
    // Children a workload made go first: rmdir refuses a cgroup with children.
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir, Files::isDirectory)) {
      for (Path child : children) {
        killAndRemove(child, v2);
      }
    } catch (NoSuchFileException e) {
      return;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long deadline = System.nanoTime() + RMDIR_TIMEOUT.toNanos();
    for (int attempt = 0; ; attempt++) {
      try {
        Files.delete(dir); // rmdir: cgroupfs allows it while its control files are listed
        return;
      } catch (NoSuchFileException e) {
        return;
      } catch (FileSystemException e) {
        // EBUSY while the kernel is still detaching the last exited task.
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("cannot remove cgroup " + dir + ": " + e.getMessage(), e);
        }
        backoff(attempt);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void killAllIn(Path dir, boolean v2) {
    Path kill = dir.resolve("cgroup.kill");
    if (v2 && Files.exists(kill)) {
      try {
        Files.writeString(kill, "1");
      } catch (IOException e) {
        // Fall through to signalling pid by pid.
      }
    }
    long self = ProcessHandle.current().pid();
    long deadline = System.nanoTime() + KILL_TIMEOUT.toNanos();
    for (int attempt = 0; ; attempt++) {
      Set<Long> pids = pidsUnder(dir);
      pids.remove(self); // never ourselves, whatever directory we were pointed at
      if (pids.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("processes " + pids + " survive SIGKILL in cgroup " + dir);
      }
      for (long pid : pids) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
      // The kernel gives no event we can wait on portably; poll with a short backoff.
      backoff(attempt);
    }
  }

  static Set<Long> pidsUnder(Path dir) {
    Set<Long> pids = new TreeSet<>();
    try {
      for (String line : Files.readAllLines(dir.resolve("cgroup.procs"))) {
        if (!line.isBlank()) {
          pids.add(Long.parseLong(line.strip()));
        }
      }
      try (DirectoryStream<Path> children = Files.newDirectoryStream(dir, Files::isDirectory)) {
        for (Path child : children) {
          pids.addAll(pidsUnder(child));
        }
      }
    } catch (NoSuchFileException e) {
      // Gone: no processes.
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list processes of cgroup " + dir, e);
    }
    return pids;
  }

  private static void backoff(int attempt) {
    LockSupport.parkNanos(Duration.ofMillis(Math.min(50, 1L << Math.min(attempt, 6))).toNanos());
  }

  private static void rmdirQuietly(Path d) {
    try {
      Files.deleteIfExists(d);
    } catch (IOException e) {
      // Best effort while failing for another reason; removeStale() finds it later.
    }
  }

  static String shQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  @Override
  public String toString() {
    return version() + " " + dirs;
  }
}
