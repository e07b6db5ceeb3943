package faremark.orchestrator.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import faremark.contract.Json;
import faremark.orchestrator.backend.EventLog;
import faremark.orchestrator.backend.RunObservation;
import faremark.orchestrator.backend.RunWatcher;
import faremark.orchestrator.backend.WorkloadRun;
import faremark.orchestrator.lifecycle.Cleanup;
import faremark.orchestrator.results.ResultsLayout;
import faremark.orchestrator.sampling.BreakdownTracker;
import faremark.orchestrator.sampling.CgroupBreakdown;
import faremark.orchestrator.sampling.ContainerCgroupProbe;
import faremark.orchestrator.sampling.DockerStatsProbe;
import faremark.orchestrator.sampling.MemoryProbe;
import faremark.orchestrator.sampling.MemoryTotals;
import faremark.orchestrator.sampling.RunClock;
import faremark.orchestrator.sampling.Sampler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs one workload in a fresh container and watches it: spec copied in before the start,
 * output attached before the start, the container's cgroup sampled on the host from the moment
 * its process exists (or the engine's stats where the cgroup is not visible), exit code and
 * OOMKilled read when it ends. The container is removed before this returns, whatever happened.
 */
final class WorkloadContainer {
  /** Where the spec is inside the container; the images create the folder. */
  static final String SPEC_DIR = "/run/faremark";
  static final String SPEC_PATH = SPEC_DIR + "/spec.json";

  private final DockerClient docker;
  private final ContainerCgroups cgroups;

  /** The engine's address, for the error when it goes away; empty: cannot tell. */
  private final Optional<String> engineHost;

  /** Where the runs' memory is read from. */
  private final MemoryPlan memory;

  /** How long the probe may take to find the cgroup once the run's container has started. */
  static final Duration PROBE_SEES_WITHIN = Duration.ofSeconds(5);
  /** How long the probe may take to end once the run's container has stopped. */
  static final Duration PROBE_ENDS_WITHIN = Duration.ofSeconds(10);

  WorkloadContainer(DockerClient docker, ContainerCgroups cgroups) {
    this(docker, cgroups, Optional.empty());
  }

  WorkloadContainer(DockerClient docker, ContainerCgroups cgroups, Optional<String> engineHost) {
    this(docker, cgroups, engineHost, MemoryPlan.host());
  }

  WorkloadContainer(DockerClient docker, ContainerCgroups cgroups, Optional<String> engineHost,
      MemoryPlan memory) {
    this.docker = docker;
    this.cgroups = cgroups;
    this.engineHost = engineHost;
    this.memory = memory;
  }

  /** The same, reading memory as {@code plan} says. */
  WorkloadContainer reading(MemoryPlan plan) {
    return new WorkloadContainer(docker, cgroups, engineHost, plan);
  }

  /**
   * @param name the container's name
   * @param cpuset CPUs the workload may use; empty = any
   */
  RunObservation run(WorkloadRun run, ImageRef image, List<String> command, String name,
      ExperimentNetwork network, Map<String, String> labels, Optional<String> cpuset)
      throws IOException {
    HostConfig host = HostConfig.newHostConfig()
        .withNetworkMode(network.mode())
        .withCapDrop(Capability.ALL)
        .withSecurityOpts(List.of("no-new-privileges"));
    run.memoryLimit().ifPresent(limit -> host
        .withMemory(limit.bytes())
        .withMemorySwap(limit.bytes())); // swap = limit: no swap, so the limit is the memory
    cpuset.ifPresent(host::withCpusetCpus);
    String id;
    try {
      id = docker.createContainerCmd(image.reference()).withName(name).withCmd(command)
          .withLabels(labels).withHostConfig(host).exec().getId();
    } catch (DockerException e) {
      throw new IOException("cannot create the run's container from " + image.reference() + ": "
          + e.getMessage(), e);
    } catch (RuntimeException e) {
      if (RunWatcher.interruptedBy(e)) {
        // The engine may still make it after the experiment's sweep: removed by its name.
        ServiceContainer.removeEventually(docker, name, e);
        return RunWatcher.stoppedBeforeWatched(recorded(image, command), run.sampleInterval());
      }
      throw e;
    }
    try (Cleanup.Registration reg = Cleanup.global().register("container " + name,
        () -> ContainerRemoval.force(docker, id))) {
      return watch(run, id, command, image, name, labels);
    } catch (DockerException e) {
      throw new IOException("the engine failed the run's container " + name + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      if (RunWatcher.interruptedBy(e)) {
        // Ctrl-C or SIGTERM landed in an engine call around the wait (copy, attach, start,
        // inspect, the wait's request): the run is recorded as stopped, as when the wait itself
        // is interrupted; the container goes in the finally below.
        return RunWatcher.stoppedBeforeWatched(recorded(image, command), run.sampleInterval());
      }
      // docker-java's transport errors are unchecked (a wait stream cut, a refused socket):
      // when the engine went away (stopped) say so; anything else is not this case.
      if (engineHost.isEmpty() || DockerEngine.acceptsConnections(engineHost.get())) {
        throw e;
      }
      throw new IOException("the Docker engine at " + engineHost.get() + " no longer accepts"
          + " connections (it was stopped) during the run's container " + name + ": "
          + e.getMessage(), e);
    } finally {
      try {
        ContainerRemoval.force(docker, id);
      } catch (RuntimeException e) {
        // The engine is gone (its socket refuses): the container went down with it, and the
        // next faremark start on that engine removes what it kept. The error that matters is
        // the one above, which this must not replace.
      }
    }
  }

  private RunObservation watch(WorkloadRun run, String id, List<String> command, ImageRef image,
      String name, Map<String, String> labels) throws IOException {
    docker.copyArchiveToContainerCmd(id).withRemotePath(SPEC_DIR)
        .withTarInputStream(new ByteArrayInputStream(specTar(run))).exec();
    // The run's clock starts at the start call, not before the attach: times match the local
    // backend's, which start at the launch.
    long[] startNanos = {System.nanoTime()};
    RunClock clock = RunClock.of(() -> System.nanoTime() - startNanos[0]);
    EventLog events = new EventLog(clock);
    try (OutputStream stderr = Files.newOutputStream(run.runDir().resolve(ResultsLayout.STDERR));
        ContainerOutput output = docker.attachContainerCmd(id).withStdOut(true).withStdErr(true)
            .withFollowStream(true).exec(new ContainerOutput(events::accept, stderr))) {
      output.awaitStarted(10, TimeUnit.SECONDS);
      Optional<String> fallback = memory.note();
      ProbeContainer prober = null;
      if (memory.probeImage().isPresent()) {
        try {
          prober = ProbeContainer.start(docker, memory.probeImage().get(), memory.cgroupVersion(), id,
              name + "-probe", probeLabels(labels), run.sampleInterval(), run.timeout().plusMinutes(1),
              memory.probeCpuset());
        } catch (ProbeContainer.Unavailable e) {
          fallback = Optional.of(e.getMessage());
        }
      }
      try {
        Instant launchedAt = Instant.now();
        startNanos[0] = System.nanoTime();
        docker.startContainerCmd(id).exec();
        if (prober != null) {
          if (prober.awaitSampling(PROBE_SEES_WITHIN)) {
            return probed(run, id, command, image, prober, output, launchedAt, clock, events);
          }
          fallback = Optional.of("the probe did not find the container's cgroup: " + prober.why());
          prober.close();
          prober = null;
        }
        RunObservation seen = sampled(run, id, command, image, output, launchedAt, clock, events);
        return fallback.map(why -> withDefinition(seen, seen.memoryDefinition()
            + " The engine's stats are used because " + why + ".")).orElse(seen);
      } finally {
        if (prober != null) {
          prober.close();
        }
      }
    } catch (InterruptedException e) {
      throw new IOException("interrupted while attaching to the run's container", e);
    }
  }

  /** Sampled on this side: the host's cgroup files where visible and asked for, else the stats. */
  private RunObservation sampled(WorkloadRun run, String id, List<String> command, ImageRef image,
      ContainerOutput output, Instant launchedAt, RunClock clock, EventLog events)
      throws InterruptedException, IOException {
    Optional<MemoryProbe> cgroup = Optional.empty();
    if (memory.source() == DockerSettings.MemorySource.HOST) {
      long pid = Optional.ofNullable(docker.inspectContainerCmd(id).exec().getState().getPidLong()).orElse(0L);
      cgroup = cgroups.locate(id, pid);
    }
    MemoryProbe probe = cgroup.<MemoryProbe>map(ContainerCgroupProbe::new)
        .orElseGet(() -> DockerStatsProbe.start(docker, id));
    events.readCpuFrom(probe);
    // the container's cgroup files by kind, at the barrier's release and at the sampled peak
    Optional<BreakdownTracker> breakdown = cgroup.flatMap(CgroupBreakdown::of)
        .map(b -> new BreakdownTracker(b, run.released()));
    Sampler sampler = breakdown.isPresent()
        ? Sampler.start(probe, clock, run.sampleInterval(), breakdown.get())
        : Sampler.start(probe, clock, run.sampleInterval());
    RunWatcher.Ended ended;
    try {
      ended = RunWatcher.watch(new Running(id), sampler, run.timeout(), clock);
    } finally {
      if (probe instanceof DockerStatsProbe stats) {
        stats.close();
      }
    }
    // The stream ends when the container does; its last frames (the done line) are in flight.
    output.awaitCompletion(5, TimeUnit.SECONDS);
    Optional<MemoryTotals> totals = withEngineOom(RunWatcher.totals(probe), id);
    // the memory definition says which source it was
    return breakdown.isPresent()
        ? RunWatcher.observation(recorded(image, command), launchedAt, ended, events, sampler,
            totals, breakdown.get())
        : RunWatcher.observation(recorded(image, command), launchedAt, ended, events, sampler, totals);
  }

  /** Sampled by the probe container beside the run's: its stream, on the run's clock. */
  private RunObservation probed(WorkloadRun run, String id, List<String> command, ImageRef image,
      ProbeContainer prober, ContainerOutput output, Instant launchedAt, RunClock clock,
      EventLog events) throws InterruptedException {
    RunWatcher.Ended ended = RunWatcher.watch(new Running(id), run.timeout(), clock);
    output.awaitCompletion(5, TimeUnit.SECONDS);
    ProbeFigures figures = ProbeFigures.of(prober.finish(PROBE_ENDS_WITHIN), launchedAt,
        run.sampleInterval(), memory.probeImage().map(ImageRef::reference).orElse("?"));
    return new RunObservation(recorded(image, command), launchedAt, ended.exitCode(),
        ended.timedOut(), ended.interrupted(), ended.wall(), events, figures.samples(),
        figures.stats(), withEngineOom(figures.totals(), id), ProbeFigures.SOURCE,
        figures.definition(), Optional.empty());
  }

  /** The engine's OOMKilled flag counts as one OOM kill where the kernel's counter missed it. */
  private Optional<MemoryTotals> withEngineOom(Optional<MemoryTotals> totals, String id) {
    InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(id).exec().getState();
    if (!Boolean.TRUE.equals(state.getOOMKilled())) {
      return totals;
    }
    return Optional.of(totals.map(t -> t.oomKills() > 0 ? t
            : new MemoryTotals(t.peakBytes(), 1, t.failCount(), t.cpuTime()))
        .orElse(new MemoryTotals(java.util.OptionalLong.empty(), 1, java.util.OptionalLong.empty(),
            Optional.empty())));
  }

  /** The run's labels, with the probe's role: swept with the run's experiment. */
  private static Map<String, String> probeLabels(Map<String, String> labels) {
    Map<String, String> out = new java.util.LinkedHashMap<>(labels);
    out.put(Labels.ROLE, "probe");
    return out;
  }

  private static RunObservation withDefinition(RunObservation o, String definition) {
    return new RunObservation(o.command(), o.launchedAt(), o.exitCode(), o.timedOut(),
        o.interrupted(), o.processWall(), o.events(), o.samples(), o.samplerStats(), o.totals(),
        o.memorySource(), definition, o.failure());
  }

  /** The command as recorded: the image it ran in, then the command line. */
  private static List<String> recorded(ImageRef image, List<String> command) {
    List<String> recorded = new ArrayList<>();
    recorded.add("container:" + image.reference());
    recorded.addAll(command);
    return recorded;
  }

  /** The run's container as the watcher sees it: waited for through the engine, killed by it. */
  private final class Running implements RunWatcher.Running {
    private final String id;

    Running(String id) {
      this.id = id;
    }

    @Override
    public Optional<Integer> waitFor(Duration timeout) throws InterruptedException {
      WaitContainerResultCallback wait = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback());
      try {
        if (!wait.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          return Optional.empty();
        }
        return Optional.of(wait.awaitStatusCode());
      } finally {
        try {
          wait.close();
        } catch (IOException e) {
          // the wait stream holds nothing worth reporting
        }
      }
    }

    @Override
    public void kill() {
      try {
        docker.killContainerCmd(id).exec();
      } catch (NotFoundException | com.github.dockerjava.api.exception.ConflictException e) {
        // already stopped
      }
    }
  }

  /** spec.json as a one-file tar, readable by the image's unprivileged user. */
  private static byte[] specTar(WorkloadRun run) throws IOException {
    return Tar.of(Map.of("spec.json", Json.mapper().writeValueAsBytes(run.spec())));
  }

}
