package faremark.orchestrator.backend.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import faremark.contract.ConnectionReuse;
import faremark.contract.Route;
import faremark.contract.WorkloadSpec;
import faremark.contract.model.PythonImplementation;
import faremark.orchestrator.Requirement;
import faremark.orchestrator.backend.ModelLaunch;
import faremark.orchestrator.backend.RunObservation;
import faremark.orchestrator.backend.WorkloadRun;
import faremark.orchestrator.backend.docker.BaseImages;
import faremark.orchestrator.backend.docker.DockerEngine;
import faremark.orchestrator.backend.docker.DockerSettings;
import faremark.orchestrator.backend.docker.DockerTestSupport;
import faremark.orchestrator.backend.docker.ImageRecipe;
import faremark.orchestrator.backend.docker.ImageRef;
import faremark.orchestrator.backend.docker.Labels;
import faremark.orchestrator.backend.docker.ProbeStreamReader;
import faremark.orchestrator.backend.docker.ProjectDir;
import faremark.orchestrator.backend.docker.ProjectImages;
import faremark.orchestrator.results.MemoryFigures;
import faremark.orchestrator.results.MemoryFiguresCalculator;
import faremark.orchestrator.sampling.MemorySample;
import faremark.orchestrator.sampling.MemoryTotals;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The probe sidecar's pod mode for real: the probe image, run as the Job's manifest describes its
 * sidecar, against this machine's own cgroup v1 tree, with this test in the kubelet's and the
 * container runtime's place (no cluster is needed, nor any fixture tree).
 *
 * <p>As a kubelet with the cgroupfs driver does, the test makes the pod's cgroup ({@code
 * pod<uid>}, under a parent of its own rather than {@code kubepods}: the probe must find it by
 * walking the tree) and in it the sandbox's (the pause container's); the engine puts the probe's
 * own container in the pod's cgroup ({@code --cgroup-parent}), so the probe's cgroup is really
 * there before its snapshot. Args, mounts, user, capabilities, read-only root, limits and the
 * startup probe all come from {@link RunManifests#job}, turned into the engine's settings as a
 * kubelet would, so this runs what the backend sends. Once the startup probe passes, the
 * "workload" starts: the memory and then the cpuacct directory (runc's order: the probe must
 * not take the first without the second, or the run has no CPU time), and in them a
 * Python process that enters both before it execs (as a container's init does), says {@code
 * ready}, touches {@value #MIB} MiB on cue and exits on the next. Its cgroup removed, the probe
 * must end its stream by itself and exit 0.
 *
 * <p>Checked: the stream is complete and names the pod and the workload's cgroup (not the
 * sandbox's or the probe's own); a 10 ms series; the held memory above the {@code ready} baseline
 * and the kernel's peak as the host reads it; CPU time; and the run as {@link SidecarFigures}
 * records it from the probe's timestamped log. Twice: the cgroup tree as the Job's hostPath gives
 * it (all of {@code /sys/fs/cgroup}) and as the docker backend binds it (each hierarchy).
 *
 * <p>Skipped, saying why, without an engine (failed where {@code FAREMARK_REQUIRE} names docker),
 * without root's writable cgroup v1 memory hierarchy (failed where it names cgroup), without
 * python3 (python), and where the check does not apply: a cgroup v2 host, an engine with the
 * systemd driver, or an engine whose cgroups are not this machine's. Leaves nothing: its cgroups
 * in every hierarchy, the probe's container and the Python process go whatever happened.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ProbeSidecarIT {
  static final String TEST = "ProbeSidecarIT";
  static final int MIB = 64;
  private static final long HELD = (long) MIB << 20;
  static final Path CGROUP = Path.of("/sys/fs/cgroup");
  static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final Duration INTERVAL = Duration.ofMillis(10);
  /** Any one step on a loaded 2-core machine: a JVM under a quarter of a core starts in seconds. */
  private static final Duration STEP = Duration.ofSeconds(60);
  /** Samples of the held memory to see before the workload is told to exit: half a second's. */
  private static final int HELD_SAMPLES = 50;
  /**
   * The workload, after its wrapper put it in its cgroups: says ready (the contract's event, so
   * the backend's figures have their baseline), touches argv[1] MiB on the first line of stdin,
   * exits on the second; at EOF too, so it never outlives this test's JVM.
   */
  static final String WORKLOAD = """
      import datetime, json, os, platform, sys
      at = datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.%fZ')
      print(json.dumps({'event': 'ready', 'model': 'probe-sidecar-it', 'pid': os.getpid(),
                        'runtime': 'CPython ' + platform.python_version(), 'at': at}), flush=True)
      sys.stdin.readline()
      held = b'\\x01' * (int(sys.argv[1]) << 20)
      print('held', flush=True)
      sys.stdin.readline()
      """;

  /** How the probe's container sees the node's cgroup tree. */
  enum Tree {
    /**
     * As the Job's hostPath volume gives it: all of {@code /sys/fs/cgroup} at the mount path,
     * read-only (its recursiveReadOnly is "IfPossible": an engine before Docker 25 leaves the
     * hierarchies' own mounts writable, as a runtime without recursive read-only does).
     */
    HOST_PATH,
    /** As the docker backend binds it: v1's memory and cpuacct hierarchies one by one. */
    HIERARCHIES
  }

  @BeforeAll
  static void needs() throws IOException {
    DockerTestSupport.assumeDocker();
    if (!Files.isReadable(CGROUP.resolve("memory/memory.usage_in_bytes"))
        || !Files.isReadable(CGROUP.resolve("cpuacct/cpuacct.usage"))) {
      Requirement.notApplicable(TEST, "this host has no cgroup v1 memory and cpuacct hierarchies"
          + " at " + CGROUP + ": the test plays a cgroup v1 node (pod mode on v2 is covered by"
          + " the probe's fixture tests)");
    }
    Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    Requirement.CGROUP.require(Integer.valueOf(0).equals(uid), TEST,
        () -> "making a pod's cgroups in the v1 hierarchies needs root (this JVM runs as uid " + uid + ")");
    Requirement.CGROUP.require(Files.isWritable(CGROUP.resolve("memory"))
            && Files.isWritable(CGROUP.resolve("cpuacct")), TEST,
        () -> CGROUP + "/memory and /cpuacct are not writable here (a read-only cgroup mount)");
    Requirement.PYTHON.require(Files.isExecutable(PYTHON), TEST,
        () -> PYTHON + " is needed for the workload process (apt-get install -y python3)");
    try (DockerEngine engine = DockerTestSupport.engine()) {
      Optional<String> version = engine.cgroupVersion();
      Optional<String> driver = engine.cgroupDriver();
      if (!version.equals(Optional.of("1")) || !driver.equals(Optional.of("cgroupfs"))) {
        Requirement.notApplicable(TEST, "the engine's cgroups are " + version.orElse("?") + " with"
            + " the " + driver.orElse("?") + " driver: the test puts the probe in a pod's cgroup by"
            + " a cgroupfs --cgroup-parent on cgroup v1");
      }
    }
    KubeletCgroups.sweepStale();
  }

  @ParameterizedTest(name = "cgroup tree mounted {0}")
  @EnumSource(Tree.class)
  void theSidecarSamplesTheContainerThatStartsAfterIt(Tree tree, @TempDir Path tmp) throws Exception {
    long began = System.nanoTime();
    String podUid = UUID.randomUUID().toString();
    String pause = hexId();
    String workloadId = hexId();
    String name = "faremark-probe-sidecar-it-" + ProcessHandle.current().pid() + "-"
        + tree.name().toLowerCase(Locale.ROOT).replace('_', '-');
    KubeletCgroups node = new KubeletCgroups(podUid);
    Seen seen = new Seen();
    try (DockerEngine engine = DockerTestSupport.engine()) {
      DockerClient docker = engine.client();
      DockerSettings settings = DockerSettings.fromEnvironment();
      // as ClusterImages builds it for the cluster
      ImageRef probeImage = new ProjectImages(docker, ProjectDir.find(Path.of("")),
          settings.network() == DockerSettings.NetworkMode.HOST)
          .image(ImageRecipe.PROBE, new BaseImages(docker).jre(settings.jreImage()));
      RunManifests.Run run = new RunManifests.Run("fm-probe-it-1-ballast-1", "ballast-1",
          "registry.invalid/faremark-workload-python:it", List.of(PYTHON.toString()),
          new Quantity("256Mi"), new Quantity("1"), Optional.of(probeImage.reference()), INTERVAL,
          Duration.ofSeconds(30), Duration.ofMinutes(5));
      PodSpec pod = RunManifests.job("faremark-probe-it", "fm-probe-it", run,
              KubernetesSettings.of(Optional.empty(), Optional.of("localhost:5001"), Optional.empty(),
                  Map.of()), PodParts.ownedBy(new ConfigMapBuilder().withNewMetadata()
                  .withName("fm-probe-it").withUid(UUID.randomUUID().toString()).endMetadata().build()))
          .getSpec().getTemplate().getSpec();
      Container sidecar = pod.getInitContainers().stream()
          .filter(c -> RunManifests.PROBE.equals(c.getName())).findFirst().orElseThrow();
      Path probeRun = Files.createDirectory(tmp.resolve("probe-run"));

      // The kubelet: the pod's cgroup and its sandbox's, then the sidecar in the pod's cgroup.
      node.createPod();
      node.createContainer(pause);
      EmulatedKubelet kubelet = new EmulatedKubelet(pod, sidecar, podUid, tree, probeRun);
      ProbeAttachLog log = new ProbeAttachLog();
      seen.containerId = docker.createContainerCmd(probeImage.reference()).withName(name)
          .withCmd(kubelet.args()).withUser(kubelet.user()).withEnv(kubelet.env())
          .withLabels(Labels.of("faremark-probe-sidecar-it", "probe"))
          .withHostConfig(kubelet.hostConfig(node.cgroupParent())).exec().getId();
      // attached before the start, so no line is lost (as the docker backend reads its probe)
      docker.attachContainerCmd(seen.containerId).withStdOut(true).withStdErr(true)
          .withFollowStream(true).exec(log);
      log.awaitStarted(10, TimeUnit.SECONDS);
      long startedAt = System.nanoTime();
      docker.startContainerCmd(seen.containerId).exec();
      Path probeOwn = node.dir("memory").resolve(seen.containerId);
      if (!Files.isDirectory(probeOwn)
          && Boolean.TRUE.equals(docker.inspectContainerCmd(seen.containerId).exec().getState().getRunning())) {
        Requirement.notApplicable(TEST, "the engine's cgroups are not this machine's: the probe's"
            + " running container has no cgroup at " + probeOwn);
      }

      // Its startup probe: the ready file, then the manifest's own check run in the container.
      Path ready = probeRun.resolve(Path.of(RunManifests.PROBE_READY).getFileName());
      await("the probe's ready file " + RunManifests.PROBE_READY, log::why,
          () -> Files.exists(ready) || log.reader.result().error().isPresent() || log.closed);
      assertThat(Files.exists(ready)).as(log.why()).isTrue();
      seen.readyAfter = Duration.ofNanos(System.nanoTime() - startedAt);
      assertThat(startupProbe(docker, seen.containerId, sidecar)).as("the startup probe's exit code")
          .isZero();
      // Before the workload's cgroup the probe says nothing at all: its hello starts the run's clock.
      assertThat(log.reader.stage()).as(log.why()).isEqualTo(ProbeStreamReader.Stage.STARTING);
      assertThat(log.reader.result().originEpochNanos()).isEmpty();

      // The runtime: the workload container's cgroups (memory, then cpuacct), and its process.
      seen.beforeWorkload = Instant.now();
      long workloadFrom = System.nanoTime();
      node.createContainer(workloadId);
      SidecarWorkload workload = SidecarWorkload.start(node, workloadId, tmp.resolve("workload-stderr.txt"));
      seen.workload = workload;
      Instant readyAt = workload.awaitLine(l -> l.startsWith("{"), STEP).at();
      await("a sample after the workload's ready", log::why,
          () -> log.lastSampleAt().filter(t -> t.isAfter(readyAt)).isPresent() || log.closed);
      long baseline = log.reader.result().samples().getLast().currentBytes();
      workload.say();
      workload.awaitLine("held"::equals, STEP);
      // usage_in_bytes is batched per CPU: a few hundred KiB either way
      await(HELD_SAMPLES + " samples of the held memory", () -> log.why() + ", baseline " + baseline,
          () -> log.reader.result().samples().stream()
              .filter(s -> s.currentBytes() >= baseline + HELD - (1L << 20)).count() >= HELD_SAMPLES
              || log.closed);
      // The probe's own cgroup, while it runs: its cost, for the record.
      seen.probeOwnPeak = readLong(probeOwn.resolve("memory.max_usage_in_bytes"));
      seen.probeOwnCpu = Duration.ofNanos(readLong(
          node.dir("cpuacct").resolve(seen.containerId).resolve("cpuacct.usage")));
      workload.say();
      assertThat(workload.process.waitFor(STEP.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(workload.process.exitValue()).as(workload.stderr()).isZero();
      // The kernel's figures as the host reads them, just before the runtime removes the cgroup.
      seen.hostPeak = readLong(node.dir("memory").resolve(workloadId).resolve("memory.max_usage_in_bytes"));
      seen.hostCpu = Duration.ofNanos(readLong(
          node.dir("cpuacct").resolve(workloadId).resolve("cpuacct.usage")));
      node.removeContainer(workloadId);
      seen.workloadLived = Duration.ofNanos(System.nanoTime() - workloadFrom);

      // The probe ends by itself, its stream complete, and exits 0.
      assertThat(log.reader.awaitClosed(STEP)).as(log.why()).isTrue();
      try (WaitContainerResultCallback wait = docker.waitContainerCmd(seen.containerId)
          .exec(new WaitContainerResultCallback())) {
        seen.exitCode = wait.awaitStatusCode(STEP.toSeconds(), TimeUnit.SECONDS);
      }
      seen.stream = log.reader.result();
      seen.stderr = log.stderr();
      // What the backend reads: the sidecar's log with the runtime's timestamps.
      seen.probeLines = PodLogs.parse(timestampedLog(docker, seen.containerId));
      seen.workloadLines = List.copyOf(workload.lines);
      seen.run = run;
    } finally {
      cleanUp(seen, node);
    }
    seen.took = Duration.ofNanos(System.nanoTime() - began);
    check(tree, seen, node, podUid, pause, workloadId, name);
  }

  /** What one pass saw, gathered while it ran, checked once everything is cleaned up. */
  private static final class Seen {
    String containerId;
    SidecarWorkload workload;
    Instant beforeWorkload;
    Duration readyAfter;
    Duration workloadLived;
    Duration took;
    long probeOwnPeak;
    Duration probeOwnCpu;
    long hostPeak;
    Duration hostCpu;
    Integer exitCode;
    ProbeStreamReader.Result stream;
    String stderr;
    List<PodLogs.Line> probeLines;
    List<PodLogs.Line> workloadLines;
    RunManifests.Run run;
  }

  private static void check(Tree tree, Seen seen, KubeletCgroups node, String podUid, String pause,
      String workloadId, String name) throws Exception {
    ProbeStreamReader.Result r = seen.stream;
    // the stream: complete, the pod's, the workload's cgroup (not the sandbox's, not its own)
    assertThat(seen.exitCode).as(seen.stderr).isZero();
    assertThat(r.error()).as(seen.stderr).isEmpty();
    assertThat(r.malformed()).isEmpty();
    assertThat(r.complete()).as(r.toString()).isTrue();
    assertThat(r.containerId()).contains(podUid);
    assertThat(r.source()).contains("cgroup-v1");
    String dir = RunManifests.CGROUP_ROOT + "/memory/" + node.podPath() + "/" + workloadId;
    assertThat(r.dir()).contains(dir);
    assertThat(r.dir().orElseThrow()).doesNotContain(pause).doesNotContain(seen.containerId);
    assertThat(r.endedBecause()).hasValueSatisfying(e -> assertThat(e).contains("gone"));
    Instant origin = Instant.ofEpochSecond(0, r.originEpochNanos().orElseThrow());
    // The run's clock starts when the probe sees the workload's cgroup, not when the probe
    // started. It looks every millisecond but runs under its CPU limit, so "sees" may come some
    // tens of milliseconds late: after the workload's first line, even (measured and printed).
    assertThat(origin).isAfterOrEqualTo(seen.beforeWorkload);
    Duration seenAfter = Duration.between(seen.beforeWorkload, origin);
    Duration firstSample = r.samples().getFirst().at();

    // a 10 ms series over the workload container's life
    var stats = r.stats().orElseThrow();
    long expectedTicks = seen.workloadLived.toMillis() / INTERVAL.toMillis();
    assertThat(stats.interval()).isEqualTo(INTERVAL);
    assertThat(stats.meanInterval()).hasValueSatisfying(
        m -> assertThat(m).isBetween(Duration.ofMillis(9), Duration.ofMillis(30)));
    assertThat(stats.samples()).isEqualTo(r.samples().size()).isGreaterThan((int) (expectedTicks / 3));

    // the memory: the held MiB above the ready baseline; the kernel's peak as the host read it
    MemoryTotals totals = r.totals().orElseThrow();
    long kernelPeak = totals.peakBytes().orElseThrow();
    long sampledPeak = r.samples().stream().mapToLong(MemorySample::currentBytes).max().orElseThrow();
    assertThat(sampledPeak).isBetween(HELD, HELD + (32L << 20));
    assertThat(kernelPeak).isBetween(sampledPeak, sampledPeak + (2L << 20));
    assertThat(Math.abs(kernelPeak - seen.hostPeak)).as("kernel peak, probe vs host")
        .isLessThanOrEqualTo(1L << 20);
    assertThat(totals.oomKills()).isZero();
    assertThat(totals.cpuTime()).as("CPU time (cpuacct.usage)").hasValueSatisfying(
        c -> assertThat(c).isPositive().isLessThanOrEqualTo(seen.hostCpu));

    // the run as the backend records it from the two timestamped logs
    RunObservation obs = SidecarFigures.observation(workloadRun(seen.run), seen.run,
        seen.run.command(), null, RunLogs.split(seen.workloadLines), seen.probeLines,
        Optional.of(new RunPodState.Finished(0, "Completed", Optional.empty())), Optional.empty(),
        new MetricsReadings(null, "faremark-probe-it"));
    assertThat(obs.memorySource()).as(obs.memoryDefinition()).isEqualTo(SidecarFigures.SOURCE);
    assertThat(obs.memoryDefinition()).contains(dir).doesNotContain("Incomplete");
    assertThat(obs.launchedAt()).isEqualTo(origin);
    assertThat(obs.samples()).hasSameSizeAs(r.samples());
    assertThat(obs.totals()).isEqualTo(r.totals());
    assertThat(obs.events().violations()).isEmpty();
    MemoryFigures figures = MemoryFiguresCalculator.compute(obs.memorySource(),
        obs.memoryDefinition(), obs.samples(), obs.events().readyAt(), obs.events().doneAt(),
        totals.peakBytes(), totals.cpuTime(), totals.oomKills());
    assertThat(figures.peakSource()).isEqualTo("kernel");
    assertThat(figures.peakAboveBaselineBytes()).as(figures.toString())
        .isBetween(HELD - (1L << 20), HELD + HELD / 20);

    System.out.printf(Locale.ROOT, "probe sidecar, cgroup tree %s, %d MiB held: %d samples in %d"
            + " ms of the workload's cgroup (%d ticks; missed %d, failures %d), mean interval %s,"
            + " mean read %s; cgroup seen %d ms after it appeared, first sample %d ms after that;"
            + " baseline %.2f MiB, sampled peak %.2f MiB, kernel peak %.2f MiB"
            + " (host %.2f), peak - baseline %.2f MiB; CPU %d ms (host %d); ready %d ms after"
            + " the start; probe's own peak %.1f MiB, CPU %d ms; took %.1f s%n",
        tree, MIB, stats.samples(), seen.workloadLived.toMillis(), expectedTicks, stats.missedTicks(),
        stats.failures(), stats.meanInterval().orElse(null), stats.meanSampleCost(),
        seenAfter.toMillis(), firstSample.toMillis(),
        figures.baselineBytes() / 1048576.0, sampledPeak / 1048576.0, kernelPeak / 1048576.0,
        seen.hostPeak / 1048576.0, figures.peakAboveBaselineBytes() / 1048576.0,
        totals.cpuTime().orElseThrow().toMillis(), seen.hostCpu.toMillis(), seen.readyAfter.toMillis(),
        seen.probeOwnPeak / 1048576.0, seen.probeOwnCpu.toMillis(), seen.took.toMillis() / 1000.0);

    // nothing left: the probe's container, the process, the cgroups in every hierarchy
    try (DockerEngine engine = DockerTestSupport.engine()) {
      assertThatThrownBy(() -> engine.client().inspectContainerCmd(name).exec())
          .isInstanceOf(NotFoundException.class);
      assertThat(DockerTestSupport.ownedBy(engine.client(), ProcessHandle.current().pid())).isEmpty();
    }
    assertThat(seen.workload.process.isAlive()).isFalse();
    assertThat(KubeletCgroups.leftovers(node.parentName())).isEmpty();
  }

  /** Whatever happened: the process, the probe's container, then the cgroups bottom-up. */
  private static void cleanUp(Seen seen, KubeletCgroups node) throws IOException, InterruptedException {
    try {
      if (seen.workload != null) {
        seen.workload.process.destroyForcibly();
        seen.workload.process.waitFor(30, TimeUnit.SECONDS);
      }
    } finally {
      try {
        if (seen.containerId != null) {
          try (DockerEngine engine = DockerTestSupport.engine()) {
            engine.client().removeContainerCmd(seen.containerId).withForce(true)
                .withRemoveVolumes(true).exec();
          } catch (NotFoundException e) {
            // removed already
          }
        }
      } finally {
        node.close();
      }
    }
  }

  private static WorkloadRun workloadRun(RunManifests.Run run) {
    WorkloadSpec spec = new WorkloadSpec("ballast", URI.create("http://127.0.0.1:1"),
        new Route("PRG", "BRQ"), LocalDate.of(2018, 6, 1), 1, 1, ConnectionReuse.SHARED, 1,
        Duration.ofSeconds(5), Duration.ofSeconds(30), 1, Map.of());
    return new WorkloadRun(run.runName(), spec, Path.of("spec.json"), Path.of("."),
        new ModelLaunch.Python("ballast", PythonImplementation.CPYTHON), run.interval(),
        Optional.empty(), Duration.ofMinutes(1));
  }

  /** The startup probe's exec command, run in the container as the kubelet runs it: its exit code. */
  private static long startupProbe(DockerClient docker, String containerId, Container sidecar)
      throws InterruptedException {
    List<String> command = sidecar.getStartupProbe().getExec().getCommand();
    String exec = docker.execCreateCmd(containerId).withCmd(command.toArray(String[]::new))
        .withAttachStdout(true).withAttachStderr(true).exec().getId();
    docker.execStartCmd(exec).exec(new ResultCallback.Adapter<Frame>())
        .awaitCompletion(STEP.toSeconds(), TimeUnit.SECONDS);
    return docker.inspectExecCmd(exec).exec().getExitCodeLong();
  }

  /** The container's stdout as the kubelet's log API gives it: each line after its RFC 3339 time. */
  private static String timestampedLog(DockerClient docker, String containerId) throws InterruptedException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    docker.logContainerCmd(containerId).withStdOut(true).withTimestamps(true)
        .exec(new ResultCallback.Adapter<Frame>() {
          @Override
          public void onNext(Frame frame) {
            out.writeBytes(frame.getPayload());
          }
        }).awaitCompletion(STEP.toSeconds(), TimeUnit.SECONDS);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Polls {@code done} until it holds; fails saying {@code what} and {@code why} after {@link #STEP}. */
  private static void await(String what, Supplier<String> why, BooleanSupplier done) {
    long deadline = System.nanoTime() + STEP.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + what + " within " + STEP.toSeconds() + " s: " + why.get());
      }
      LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
    }
  }

  private static long readLong(Path file) throws IOException {
    return Long.parseLong(Files.readString(file).strip());
  }

  /** A container id as the runtimes make them: 64 hex digits. */
  private static String hexId() {
    byte[] b = new byte[32];
    ThreadLocalRandom.current().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
