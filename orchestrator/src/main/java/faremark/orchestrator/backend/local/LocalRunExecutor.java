package faremark.orchestrator.backend.local;

import faremark.contract.DataSize;
import faremark.orchestrator.backend.EventLog;
import faremark.orchestrator.backend.RunObservation;
import faremark.orchestrator.backend.RunWatcher;
import faremark.orchestrator.results.ResultsLayout;
import faremark.orchestrator.sampling.BreakdownTracker;
import faremark.orchestrator.sampling.MemoryTotals;
import faremark.orchestrator.sampling.ProcTreeProbe;
import faremark.orchestrator.sampling.RunClock;
import faremark.orchestrator.sampling.Sampler;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The local backend's way to run one workload: its own OS process, placed in its own memory
 * cgroup before its first instruction, sampled while it lives; or, where no cgroup can be made,
 * the RSS of its process tree from /proc. Everything it starts is closed before it returns.
 */
public final class LocalRunExecutor {
  private final CgroupSupport cgroups;
  private final Path workDir;

  public LocalRunExecutor(CgroupSupport cgroups, Path workDir) {
    this.cgroups = cgroups;
    this.workDir = workDir;
  }

  public String describe() {
    return cgroups.describe();
  }

  /**
   * Runs {@code command} to its end (or its timeout) and returns what was seen.
   *
   * @param runName unique within the experiment; names the cgroup
   */
  public RunObservation execute(
      String runName,
      List<String> command,
      Path runDir,
      Duration sampleInterval,
      Optional<DataSize> memoryLimit,
      Duration timeout)
      throws IOException {
    return execute(runName, command, runDir, sampleInterval, memoryLimit, timeout, () -> false);
  }

  /**
   * As above; {@code released} says when every request of the run is in flight (the fare
   * server's barrier let them go), the moment the run's memory breakdown is read.
   */
  public RunObservation execute(
      String runName,
      List<String> command,
      Path runDir,
      Duration sampleInterval,
      Optional<DataSize> memoryLimit,
      Duration timeout,
      java.util.function.BooleanSupplier released)
      throws IOException {
    Path stderr = runDir.resolve(ResultsLayout.STDERR);
    if (!cgroups.available()) {
      return withoutCgroup(command, stderr, sampleInterval, timeout);
    }
    try (RunCgroup cgroup = cgroups.create(runName, memoryLimit)) {
      RunClock clock = RunClock.startNow();
      EventLog events = new EventLog(clock).readCpuFrom(cgroup.probe());
      // Sampling starts before the launch, so the series begins at the empty cgroup.
      BreakdownTracker breakdown = new BreakdownTracker(cgroup.breakdown(), released);
      Sampler sampler = Sampler.start(cgroup.probe(), clock, sampleInterval, breakdown);
      Instant launchedAt = Instant.now();
      RunWatcher.Ended ended;
      try (sampler;
          LocalProcess process =
              LocalProcess.start(ProcessSpec.of(cgroup.wrap(command), workDir, stderr), events::accept)) {
        ended = RunWatcher.watch(process, sampler, timeout, clock);
      }
      // The kernel's counters outlive the process but not the cgroup: read them before close.
      return RunWatcher.observation(command, launchedAt, ended, events, sampler,
          RunWatcher.totals(sampler.probe()), breakdown);
    }
  }

  private RunObservation withoutCgroup(
      List<String> command, Path stderr, Duration sampleInterval, Duration timeout)
      throws IOException {
    RunClock clock = RunClock.startNow();
    EventLog events = new EventLog(clock);
    Instant launchedAt = Instant.now();
    try (LocalProcess process =
        LocalProcess.start(ProcessSpec.of(command, workDir, stderr), events::accept)) {
      // The pid exists only now: the first samples of the runtime's start-up are this late.
      ProcTreeProbe probe = ProcTreeProbe.of(process.pid());
      events.readCpuFrom(probe); // CPU as of the last sample: ticks of the processes seen so far
      Sampler sampler = Sampler.start(probe, clock, sampleInterval);
      RunWatcher.Ended ended = RunWatcher.watch(process, sampler, timeout, clock);
      return RunWatcher.observation(command, launchedAt, ended, events, sampler,
          withoutPeak(RunWatcher.totals(probe)));
    }
  }

  /**
   * The /proc probe's "peak" is only its highest sample, which the figures compute from the
   * samples themselves; dropping it keeps "kernel" for peaks the kernel really measured.
   */
  private static Optional<MemoryTotals> withoutPeak(Optional<MemoryTotals> totals) {
    return totals.map(t -> new MemoryTotals(OptionalLong.empty(), t.oomKills(), t.failCount(), t.cpuTime()));
  }
}
