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
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * The probe container's program: finds one run container's cgroup in the host's cgroup tree
 * (mounted read-only under {@code --root}), samples it with the local backend's own {@link
 * Sampler} and cgroup probes, and writes everything to stdout as {@link ProbeLines} while it
 * goes. It ends by itself when the cgroup goes (the engine removes it when the container stops),
 * after writing the kernel's totals as last read, the sampler's figures and {@code end}.
 *
 * <pre>
 * ProbeMain &lt;container id&gt; --interval-ns N [--root /host/cgroup] [--wait-ms N] [--max-ms N]
 * </pre>
 *
 * Exit codes: 0 sampled to the end; 2 bad arguments; 3 the cgroup was not found (said on stdout
 * as an {@code error} line, so the orchestrator falls back to the engine's stats).
 */
public final class ProbeMain {
  /** How often the cgroup is looked for before it appears: its first sample waits at most this. */
  static final Duration LOOK_EVERY = Duration.ofMillis(1);
  /** How often the whole tree is walked while the drivers' usual places are empty. */
  static final Duration WALK_EVERY = Duration.ofMillis(200);
  /** How often the output is flushed (the sampler's thread only writes to a buffer). */
  static final Duration FLUSH_EVERY = Duration.ofMillis(50);

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
    System.exit(run(a, out));
  }

  static int run(ProbeArgs a, PrintStream out) {
    Instant origin = Instant.now();
    RunClock clock = RunClock.startNow();
    out.println(ProbeLines.hello(origin, a.interval(), a.containerId()));
    HostCgroupTree tree;
    try {
      tree = HostCgroupTree.read(a.root(), Path.of("/proc/self/mountinfo"), Path.of("/proc/self/cgroup"));
    } catch (IOException e) {
      return fail(out, "cannot read this container's mounts: " + e);
    }
    if (tree.searched().isEmpty()) {
      return fail(out, "no cgroup memory hierarchy is mounted under " + a.root()
          + " (mounts seen there: " + tree.mounts() + ")");
    }
    out.println(ProbeLines.waiting());
    out.flush();
    Optional<MemoryProbe> found = lookFor(tree, a);
    if (found.isEmpty()) {
      return fail(out, "no cgroup of container " + a.containerId() + " appeared under "
          + tree.searched().get().mountPoint() + " within " + a.waitFor().toMillis() + " ms");
    }
    MemoryProbe cgroup = found.get();
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

  /** Looks every {@link #LOOK_EVERY} where the drivers put cgroups, the whole tree less often. */
  private static Optional<MemoryProbe> lookFor(HostCgroupTree tree, ProbeArgs a) {
    long start = System.nanoTime();
    long lastWalk = start;
    while (System.nanoTime() - start < a.waitFor().toNanos()) {
      boolean walk = System.nanoTime() - lastWalk >= WALK_EVERY.toNanos();
      if (walk) {
        lastWalk = System.nanoTime();
      }
      Optional<MemoryProbe> found = tree.find(a.containerId(), walk);
      if (found.isPresent()) {
        return found;
      }
      LockSupport.parkNanos(LOOK_EVERY.toNanos());
    }
    return tree.find(a.containerId(), true);
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
