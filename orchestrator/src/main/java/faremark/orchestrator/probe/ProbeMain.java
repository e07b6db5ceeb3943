package faremark.orchestrator.probe;

import faremark.orchestrator.backend.docker.ProbeLines;
import faremark.orchestrator.sampling.CgroupV1Probe;
import faremark.orchestrator.sampling.CgroupV2Probe;
import faremark.orchestrator.sampling.ContainerCgroupProbe;
import faremark.orchestrator.sampling.MemoryProbe;
import faremark.orchestrator.sampling.ProbeException;
import faremark.orchestrator.sampling.RunClock;
import faremark.orchestrator.sampling.Sampler;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * The probe's program: finds one run container's cgroup in the host's cgroup tree (mounted
 * read-only under {@code --root}), samples it with the local backend's own {@link Sampler} and
 * cgroup probes, and writes everything to stdout as {@link ProbeLines} while it goes. It ends by
 * itself when the cgroup goes (the engine removes it when the container stops), after writing the
 * kernel's totals as last read, the sampler's figures and {@code end}.
 *
 * <pre>
 * ProbeMain &lt;container id&gt; --interval-ns N [--root /host/cgroup] [--wait-ms N] [--max-ms N]
 * ProbeMain --pod-uid &lt;uid&gt; --interval-ns N [--root /host/cgroup] [--wait-ms N] [--max-ms N]
 *     [--ready-file PATH]
 * </pre>
 *
 * <p>The first form is the docker backend's: the probe is a container of its own, started before
 * the run's container, which it finds by id; its clock starts when it starts.
 *
 * <p>The second is the Kubernetes backend's: the probe is a native sidecar in the run's pod and
 * needs no API access. It finds the pod's cgroup by the pod's uid, notes the containers' cgroups
 * already in it (the sandbox's, its own), creates the ready file, and samples the first container
 * cgroup that appears after that: the workload's. Its clock starts when that cgroup is found, so
 * the run's time 0 is the workload container's cgroup appearing, and nothing but an {@code error}
 * line is written before its {@code hello}.
 *
 * <p>Exit codes: 0 sampled to the end; 2 bad arguments; 3 the cgroup was not found (said on
 * stdout as an {@code error} line, so the orchestrator falls back to the engine's stats).
 */
public final class ProbeMain {
  /** How often the cgroup is looked for before it appears: its first sample waits at most this. */
  static final Duration LOOK_EVERY = Duration.ofMillis(1);
  /** How often the whole tree is walked while the drivers' usual places are empty. */
  static final Duration WALK_EVERY = Duration.ofMillis(200);
  /** How often the output is flushed (the sampler's thread only writes to a buffer). */
  static final Duration FLUSH_EVERY = Duration.ofMillis(50);
  /**
   * How long a pod's workload cgroup seen in v1's memory hierarchy alone may wait for its cpuacct
   * directory: the runtime makes them one after the other (runc: memory first) before the
   * container's process runs, microseconds apart. Where none follows, sampling starts this much
   * later, without CPU time.
   */
  static final Duration CPUACCT_FOLLOWS = Duration.ofMillis(500);

  private ProbeMain() {}

  public static void main(String[] args) {
    ProbeArgs a;
    try {
      a = ProbeArgs.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("faremark probe: " + e.getMessage());
      System.err.println(ProbeArgs.USAGE);
      System.exit(2);
      return;
    }
    PrintStream out = new PrintStream(new BufferedOutputStream(
        new FileOutputStream(FileDescriptor.out), 1 << 16), false, StandardCharsets.US_ASCII);
    System.exit(run(a, out, Path.of("/proc/self/mountinfo"), Path.of("/proc/self/cgroup")));
  }

  /** {@code mountinfo} and {@code procSelfCgroup}: this process's, or fixtures in tests. */
  static int run(ProbeArgs a, PrintStream out, Path mountinfo, Path procSelfCgroup) {
    return switch (a.target()) {
      case Target.Container c -> container(a, c.id(), out, mountinfo, procSelfCgroup);
      case Target.PodMember p -> podMember(a, p.podUid(), out, mountinfo, procSelfCgroup);
    };
  }

  private static int container(ProbeArgs a, String id, PrintStream out, Path mountinfo,
      Path procSelfCgroup) {
    Instant origin = Instant.now();
    RunClock clock = RunClock.startNow();
    out.println(ProbeLines.hello(origin, a.interval(), id));
    Optional<HostCgroupTree> tree = readTree(a, out, mountinfo, procSelfCgroup);
    if (tree.isEmpty()) {
      return 3;
    }
    out.println(ProbeLines.waiting());
    out.flush();
    Optional<MemoryProbe> found = lookForWhole(a.waitFor(), tree.get(),
        walk -> tree.get().find(id, walk));
    if (found.isEmpty()) {
      return fail(out, "no cgroup of container " + id + " appeared under "
          + tree.get().searched().get().mountPoint() + " within " + a.waitFor().toMillis() + " ms");
    }
    return sample(a, found.get(), clock, out);
  }

  private static int podMember(ProbeArgs a, String uid, PrintStream out, Path mountinfo,
      Path procSelfCgroup) {
    Optional<HostCgroupTree> tree = readTree(a, out, mountinfo, procSelfCgroup);
    if (tree.isEmpty()) {
      return 3;
    }
    Path searched = tree.get().searched().get().mountPoint();
    Optional<Path> pod = lookFor(a.waitFor(), walk -> tree.get().findPod(uid, walk));
    if (pod.isEmpty()) {
      return fail(out, "no cgroup of pod " + uid + " under " + searched + " within "
          + a.waitFor().toMillis() + " ms");
    }
    Set<String> before;
    try {
      before = HostCgroupTree.childDirs(pod.get());
    } catch (IOException e) {
      return fail(out, "cannot list the pod's cgroup " + pod.get() + ": " + e);
    }
    warmUp(tree.get(), pod.get());
    if (a.readyFile().isPresent()) {
      // The pod's startup probe waits for this file, and kubelet starts the pod's main container
      // only once this sidecar's startup probe passed: so the workload's cgroup cannot be among
      // those just noted, and the next new one is its.
      try {
        Files.write(a.readyFile().get(), new byte[0]);
      } catch (IOException e) {
        return fail(out, "cannot create the ready file " + a.readyFile().get() + ": " + e);
      }
    }
    Optional<Path> workload = lookFor(a.waitFor(), walk -> HostCgroupTree.newChild(pod.get(), before));
    if (workload.isEmpty()) {
      return fail(out, "no container's cgroup appeared in " + pod.get() + " within "
          + a.waitFor().toMillis() + " ms (there before: " + before + ")");
    }
    Instant origin = Instant.now();
    RunClock clock = RunClock.startNow();
    // The kernel makes a cgroup's files with its directory: this waits only where something else
    // makes the tree (or the container is gone already, until --wait-ms says so).
    Optional<MemoryProbe> found = lookForWhole(a.waitFor(), tree.get(),
        walk -> tree.get().probeAt(workload.get()));
    if (found.isEmpty()) {
      return fail(out, "the cgroup " + workload.get() + " appeared, but its memory files could not"
          + " be read within " + a.waitFor().toMillis() + " ms");
    }
    out.println(ProbeLines.hello(origin, a.interval(), uid));
    out.println(ProbeLines.waiting());
    return sample(a, found.get(), clock, out);
  }

  /** How many readings of the pod's own cgroup warm the sampling code before the workload. */
  static final int WARM_UP_READS = 300;

  /**
   * Reads the pod's own cgroup a few hundred times, figures thrown away, before the ready file
   * lets the workload start: the interpreter's first reads cost 10-20 ms each under a quarter of
   * a core (measured on a real cgroup tree: the first sample came 110-240 ms after the workload's
   * cgroup appeared, with 15-25 % of ticks missed in the first second), and the workload's first
   * samples, its baseline before {@code ready}, are the ones that matter most.
   */
  private static void warmUp(HostCgroupTree tree, Path pod) {
    Optional<MemoryProbe> own = tree.probeAt(pod);
    if (own.isEmpty()) {
      return;
    }
    for (int i = 0; i < WARM_UP_READS; i++) {
      try {
        own.get().sample(Duration.ofNanos(i));
      } catch (RuntimeException e) {
        return; // not readable as a container's would be: nothing to warm with
      }
    }
  }

  /**
   * The cgroup {@code look} finds within {@code waitFor}, once it has its cpuacct directory too
   * where v1 mounts cpuacct: the runtime makes the memory directory first (runc), cpuacct right
   * after, and a probe taken in between would never read the run's CPU time. That second wait is
   * at most {@link #CPUACCT_FOLLOWS}; then the cgroup is sampled without CPU time.
   */
  private static Optional<MemoryProbe> lookForWhole(Duration waitFor, HostCgroupTree tree,
      Look<MemoryProbe> look) {
    Optional<MemoryProbe> found = lookFor(waitFor, look);
    if (found.isEmpty() || !lacksCpuacct(found.get(), tree)) {
      return found;
    }
    MemoryProbe memoryOnly = found.get();
    return lookFor(CPUACCT_FOLLOWS, walk -> look.at(walk).filter(p -> !lacksCpuacct(p, tree)))
        .or(() -> Optional.of(memoryOnly));
  }

  /** A v1 cgroup without its cpuacct directory (not made yet) where cpuacct is mounted. */
  private static boolean lacksCpuacct(MemoryProbe probe, HostCgroupTree tree) {
    return probe instanceof CgroupV1Probe v1 && v1.cpuacctDir().isEmpty() && tree.mounts().stream()
        .anyMatch(m -> !m.v2() && m.controllers().contains("cpuacct"));
  }

  /** The cgroup mounts under the root, or empty after saying why. */
  private static Optional<HostCgroupTree> readTree(ProbeArgs a, PrintStream out, Path mountinfo,
      Path procSelfCgroup) {
    HostCgroupTree tree;
    try {
      tree = HostCgroupTree.read(a.root(), mountinfo, procSelfCgroup);
    } catch (IOException e) {
      fail(out, "cannot read this container's mounts: " + e);
      return Optional.empty();
    }
    if (tree.searched().isEmpty()) {
      fail(out, "no cgroup memory hierarchy is mounted under " + a.root()
          + " (mounts seen there: " + tree.mounts() + ")");
      return Optional.empty();
    }
    return Optional.of(tree);
  }

  /** From the {@code cgroup} line on: samples {@code cgroup} until its directory goes. */
  private static int sample(ProbeArgs a, MemoryProbe cgroup, RunClock clock, PrintStream out) {
    Path dir = directory(cgroup);
    ContainerCgroupProbe probe = new ContainerCgroupProbe(cgroup);
    out.println(ProbeLines.cgroup(cgroup.source(), dir.toString()));
    out.println(ProbeLines.definition(probe.definition()));
    out.flush();
    Sampler sampler = Sampler.streaming(probe, clock, a.interval(), s -> out.println(ProbeLines.sample(s)));
    long deadline = System.nanoTime() + a.maxRun().toNanos();
    String why = "the container's cgroup is gone (the container stopped)";
    while (Files.isDirectory(dir)) {
      if (System.nanoTime() > deadline) {
        why = "ran for --max-ms " + a.maxRun().toMillis() + " ms";
        break;
      }
      LockSupport.parkNanos(FLUSH_EVERY.toNanos());
      out.flush();
    }
    sampler.close();
    try {
      out.println(ProbeLines.totals(probe.totals()));
    } catch (ProbeException e) {
      // not one sample was read before the cgroup went: no totals line, the stats say why
    }
    out.println(ProbeLines.stats(sampler.stats()));
    out.println(ProbeLines.end(why));
    out.flush();
    return 0;
  }

  /** One look for something in the tree; {@code walk}: this time through the whole tree. */
  private interface Look<T> {
    Optional<T> at(boolean walk);
  }

  /**
   * Looks every {@link #LOOK_EVERY} where the drivers put cgroups, through the whole tree every
   * {@link #WALK_EVERY}, for at most {@code waitFor}, and walks once more at the end.
   */
  private static <T> Optional<T> lookFor(Duration waitFor, Look<T> look) {
    long start = System.nanoTime();
    long lastWalk = start;
    while (System.nanoTime() - start < waitFor.toNanos()) {
      boolean walk = System.nanoTime() - lastWalk >= WALK_EVERY.toNanos();
      if (walk) {
        lastWalk = System.nanoTime();
      }
      Optional<T> found = look.at(walk);
      if (found.isPresent()) {
        return found;
      }
      LockSupport.parkNanos(LOOK_EVERY.toNanos());
    }
    return look.at(true);
  }

  /** The directory whose going means the container stopped. */
  private static Path directory(MemoryProbe cgroup) {
    return switch (cgroup) {
      case CgroupV1Probe v1 -> v1.memoryDir();
      case CgroupV2Probe v2 -> v2.dir();
      default -> throw new IllegalStateException("not a cgroup probe: " + cgroup.source());
    };
  }

  private static int fail(PrintStream out, String why) {
    out.println(ProbeLines.error(why));
    out.flush();
    return 3;
  }
}
