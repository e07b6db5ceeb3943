package faremark.orchestrator.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import faremark.orchestrator.lifecycle.Cleanup;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The probe beside one run's container: started before the run's container (it waits for its
 * cgroup to appear), with the host's cgroup tree mounted read-only and nothing else: no
 * capabilities, no network, no engine socket, user nobody, a read-only root filesystem and a
 * memory limit of its own (so its own memory is charged to its own cgroup, never the run's). Its
 * stdout is attached before the start, so no line is lost, and read by a {@link
 * ProbeStreamReader}. It ends by itself when the run's cgroup goes; {@link #close} removes it
 * whatever happened, and its labels let the experiment's sweep, the leftovers sweep and the
 * watchdog find it as any other faremark container.
 */
final class ProbeContainer implements AutoCloseable {
  /** Where the host's cgroup tree appears in the probe (ProbeMain's default --root). */
  static final String ROOT = "/host/cgroup";
  /** The probe's own limit: a JVM of a 16 MiB heap with room to spare (measured: docs/docker.md). */
  static final long MEMORY_LIMIT = 128L << 20;
  /** How long the probe's JVM may take to say it is looking (a loaded machine: seconds). */
  static final Duration STARTS_WITHIN = Duration.ofSeconds(30);

  private final DockerClient docker;
  private final String id;
  private final String name;
  private final ProbeStreamReader reader;
  private final ProbeOutput output;
  private final Cleanup.Registration cleanup;

  private ProbeContainer(DockerClient docker, String id, String name, ProbeStreamReader reader,
      ProbeOutput output, Cleanup.Registration cleanup) {
    this.docker = docker;
    this.id = id;
    this.name = name;
    this.reader = reader;
    this.output = output;
    this.cleanup = cleanup;
  }

  /** The probe could not be started, or cannot see the host's cgroups: the reason. */
  static final class Unavailable extends Exception {
    Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * The read-only mounts of the host's cgroup tree. On cgroup v1 each hierarchy the probe reads
   * (memory, cpuacct) is bound on its own: a bind of {@code /sys/fs/cgroup} would take the
   * hierarchies along as sub-mounts, which engines before Docker 25 leave writable; each
   * hierarchy's own mount has no sub-mount, so read-only holds. v2 has one mount.
   *
   * @param cgroupVersion as the engine reports it ("1", "2"); empty: v2's single mount
   */
  static List<Bind> mounts(Optional<String> cgroupVersion) {
    if (cgroupVersion.filter("1"::equals).isPresent()) {
      return List.of(
          new Bind("/sys/fs/cgroup/memory", new Volume(ROOT + "/memory"), AccessMode.ro),
          new Bind("/sys/fs/cgroup/cpuacct", new Volume(ROOT + "/cpuacct"), AccessMode.ro));
    }
    return List.of(new Bind("/sys/fs/cgroup", new Volume(ROOT), AccessMode.ro));
  }

  /** The probe's command after its entry point. */
  static List<String> command(String runContainerId, Duration interval, Duration maxRun) {
    return List.of(runContainerId, "--interval-ns", Long.toString(interval.toNanos()),
        "--root", ROOT, "--max-ms", Long.toString(maxRun.toMillis()));
  }

  /**
   * Creates, attaches and starts the probe for {@code runContainerId} (created, not started yet)
   * and returns once it is looking for the cgroup.
   *
   * @param maxRun the probe ends by itself after this even if the run's cgroup is still there
   * @param cpuset the CPUs it may use (beside the fare server and proxy, off the workload's); empty = any
   * @throws Unavailable when it cannot run or see the cgroup tree; nothing is left behind
   */
  static ProbeContainer start(DockerClient docker, ImageRef image, Optional<String> cgroupVersion,
      String runContainerId, String name, Map<String, String> labels, Duration interval,
      Duration maxRun, Optional<String> cpuset) throws Unavailable {
    HostConfig host = HostConfig.newHostConfig()
        .withNetworkMode("none")
        .withCapDrop(Capability.ALL)
        .withSecurityOpts(List.of("no-new-privileges"))
        .withReadonlyRootfs(true)
        .withMemory(MEMORY_LIMIT)
        .withMemorySwap(MEMORY_LIMIT)
        .withBinds(mounts(cgroupVersion));
    cpuset.ifPresent(host::withCpusetCpus);
    String id;
    try {
      id = docker.createContainerCmd(image.reference()).withName(name)
          .withCmd(command(runContainerId, interval, maxRun))
          .withUser("65534:65534").withLabels(labels).withHostConfig(host).exec().getId();
    } catch (DockerException e) {
      throw new Unavailable("cannot create the probe container from " + image.reference() + ": "
          + e.getMessage(), e);
    }
    Cleanup.Registration reg = Cleanup.global().register("container " + name,
        () -> ContainerRemoval.force(docker, id));
    ProbeStreamReader reader = new ProbeStreamReader();
    ProbeOutput output = new ProbeOutput(reader);
    ProbeContainer probe = new ProbeContainer(docker, id, name, reader, output, reg);
    try {
      docker.attachContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true)
          .exec(output);
      output.awaitStarted(10, TimeUnit.SECONDS);
      docker.startContainerCmd(id).exec();
      ProbeStreamReader.Stage stage = reader.awaitPast(ProbeStreamReader.Stage.STARTING, STARTS_WITHIN);
      // SAMPLING too: where the cgroup exists already, the probe finds it at once
      if (stage != ProbeStreamReader.Stage.WAITING && stage != ProbeStreamReader.Stage.SAMPLING) {
        throw new Unavailable("the probe is not looking for the cgroup: " + probe.why(), null);
      }
      return probe;
    } catch (DockerException | InterruptedException e) {
      probe.close();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new Unavailable("cannot start the probe container " + name + ": " + e.getMessage(), e);
    } catch (Unavailable | RuntimeException e) {
      // RuntimeException: an interrupt (Ctrl-C) through docker-java's transport; the caller
      // records the run as stopped, and the probe must not outlive it
      probe.close();
      throw e;
    }
  }

  /**
   * Waits until the probe has found the run's cgroup (the run's container has started): true, or
   * false with {@link #why} when it failed or {@code timeout} passed.
   */
  boolean awaitSampling(Duration timeout) throws InterruptedException {
    return reader.awaitPast(ProbeStreamReader.Stage.WAITING, timeout) == ProbeStreamReader.Stage.SAMPLING
        || reader.stage() == ProbeStreamReader.Stage.ENDED;
  }

  /**
   * Waits for the probe to end by itself (the run's container has stopped, its cgroup is gone)
   * and returns what it streamed; after {@code timeout} the stream so far, marked incomplete.
   */
  ProbeStreamReader.Result finish(Duration timeout) throws InterruptedException {
    reader.awaitClosed(timeout);
    return reader.result();
  }

  /** Why the probe is not sampling: its error line, else its stderr, else how far it got. */
  String why() {
    ProbeStreamReader.Result r = reader.result();
    List<String> parts = new ArrayList<>();
    r.error().ifPresent(parts::add);
    String stderr = output.stderrTail();
    if (!stderr.isEmpty()) {
      parts.add("its stderr: " + stderr);
    }
    if (parts.isEmpty()) {
      parts.add("it got as far as " + reader.stage().name().toLowerCase(java.util.Locale.ROOT));
    }
    return String.join("; ", parts);
  }

  String name() {
    return name;
  }

  String id() {
    return id;
  }

  /** Removes the probe's container (force: it may still run). Idempotent. */
  @Override
  public void close() {
    try {
      output.close();
    } catch (IOException e) {
      // the attach stream holds nothing more worth reading
    }
    boolean interrupted = Thread.interrupted();
    try {
      ContainerRemoval.force(docker, id);
    } finally {
      cleanup.close();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
