package faremark.orchestrator.experiment;

import faremark.contract.DataSize;
import faremark.orchestrator.backend.local.CgroupSupport;
import faremark.orchestrator.backend.local.LocalProcess;
import faremark.orchestrator.backend.local.ProcessSpec;
import faremark.orchestrator.backend.local.RunCgroup;
import faremark.orchestrator.results.ResultsLayout;
import faremark.orchestrator.sampling.MemoryProbe;
import faremark.orchestrator.sampling.MemoryTotals;
import faremark.orchestrator.sampling.ProbeException;
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
    Path stderr = runDir.resolve(ResultsLayout.STDERR);
    if (!cgroups.available()) {
      return withoutCgroup(command, stderr, sampleInterval, timeout);
    }
    try (RunCgroup cgroup = cgroups.create(runName, memoryLimit)) {
      MemoryProbe probe = cgroup.probe();
      RunClock clock = RunClock.startNow();
      EventLog events = new EventLog(clock);
      // Sampling starts before the launch, so the series begins at the empty cgroup.
      Sampler sampler = Sampler.start(probe, clock, sampleInterval);
      Instant launchedAt = Instant.now();
      Waited waited;
      try (sampler;
          LocalProcess process =
              LocalProcess.start(ProcessSpec.of(cgroup.wrap(command), workDir, stderr), events::accept)) {
        waited = waitFor(process, timeout, clock);
      }
      // The kernel's counters outlive the process but not the cgroup: read them before close.
      Optional<MemoryTotals> totals = totals(probe);
      return new RunObservation(
          command, launchedAt, waited.exitCode(), waited.timedOut(), waited.interrupted(),
          waited.wall(), events, sampler.samples(), sampler.stats(), totals, probe.source(),
          probe.definition(), Optional.empty());
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
      Sampler sampler = Sampler.start(probe, clock, sampleInterval);
      Waited waited;
      try (sampler) {
        waited = waitFor(process, timeout, clock);
      }
      return new RunObservation(
          command, launchedAt, waited.exitCode(), waited.timedOut(), waited.interrupted(),
          waited.wall(), events, sampler.samples(), sampler.stats(), withoutPeak(totals(probe)),
          probe.source(), probe.definition(), Optional.empty());
    }
  }

  private record Waited(
      Optional<Integer> exitCode, boolean timedOut, boolean interrupted, Duration wall) {}

  private static Waited waitFor(LocalProcess process, Duration timeout, RunClock clock) {
    try {
      Optional<Integer> exit = process.waitFor(timeout);
      if (exit.isEmpty()) {
        process.kill();
        return new Waited(Optional.empty(), true, false, clock.elapsed());
      }
      return new Waited(exit, false, false, clock.elapsed());
    } catch (InterruptedException e) {
      // Ctrl-C: stop this run now; the caller sees interrupted and ends the experiment. The
      // flag is not set again: the results of the finished runs must still be written, and
      // interruptible file channels would refuse to.
      process.kill();
      return new Waited(Optional.empty(), false, true, clock.elapsed());
    }
  }

  /**
   * The /proc probe's "peak" is only its highest sample, which the figures compute from the
   * samples themselves; dropping it keeps "kernel" for peaks the kernel really measured.
   */
  private static Optional<MemoryTotals> withoutPeak(Optional<MemoryTotals> totals) {
    return totals.map(t -> new MemoryTotals(OptionalLong.empty(), t.oomKills(), t.failCount(), t.cpuTime()));
  }

  private static Optional<MemoryTotals> totals(MemoryProbe probe) {
    try {
      return Optional.of(probe.totals());
    } catch (ProbeException e) {
      return Optional.empty();
    }
  }
}
