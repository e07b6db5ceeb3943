package faremark.orchestrator.backend;

import faremark.orchestrator.sampling.MemoryProbe;
import faremark.orchestrator.sampling.MemoryTotals;
import faremark.orchestrator.sampling.ProbeException;
import faremark.orchestrator.sampling.RunClock;
import faremark.orchestrator.sampling.Sampler;
import faremark.orchestrator.sampling.SamplerStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Watches one started workload to its end the same way on every backend: the sampler runs until
 * the workload has exited, the workload is killed at the run's timeout or on Ctrl-C, and the
 * kernel's totals are read afterwards. What differs between backends (how a workload is started,
 * when its memory becomes visible, what holds it) stays in the backend; this is the part that
 * must not.
 */
public final class RunWatcher {
  private RunWatcher() {}

  /** A started workload: an OS process tree, a container. */
  public interface Running {
    /** Its exit code, or empty when {@code timeout} passed first. */
    Optional<Integer> waitFor(Duration timeout) throws InterruptedException;

    /** Stops it now; it may already have exited. */
    void kill();
  }

  /**
   * How a watched run ended.
   *
   * @param exitCode empty when it had to be killed
   * @param wall from the clock's start to the exit (or the kill)
   */
  public record Ended(Optional<Integer> exitCode, boolean timedOut, boolean interrupted, Duration wall) {}

  /**
   * Waits for {@code workload} up to {@code timeout}, then closes {@code sampler}: the sampler
   * (already started by the backend, as early as its probe can see the run) covers the whole
   * life of the workload and stops with it.
   */
  public static Ended watch(Running workload, Sampler sampler, Duration timeout, RunClock clock) {
    try (sampler) {
      return await(workload, timeout, clock);
    }
  }

  /**
   * Waits for {@code workload} up to {@code timeout} with no sampler on this side: the docker
   * backend's probe container samples the run beside it and streams its figures.
   */
  public static Ended watch(Running workload, Duration timeout, RunClock clock) {
    return await(workload, timeout, clock);
  }

  private static Ended await(Running workload, Duration timeout, RunClock clock) {
    try {
      Optional<Integer> exit = workload.waitFor(timeout);
      if (exit.isEmpty()) {
        workload.kill();
        return new Ended(Optional.empty(), true, false, clock.elapsed());
      }
      return new Ended(exit, false, false, clock.elapsed());
    } catch (InterruptedException e) {
      // Ctrl-C: stop this run now; the caller sees interrupted and ends the experiment. The flag
      // is not set again: the results of the finished runs must still be written, and
      // interruptible file channels would refuse to.
      workload.kill();
      return new Ended(Optional.empty(), false, true, clock.elapsed());
    }
  }

  /** The kernel's totals, or empty when the source can no longer be read. */
  public static Optional<MemoryTotals> totals(MemoryProbe probe) {
    try {
      return Optional.of(probe.totals());
    } catch (ProbeException e) {
      return Optional.empty();
    }
  }

  /**
   * A run stopped by Ctrl-C or SIGTERM before its watch began (the signal landed in one of the
   * backend's calls that set the run up): recorded as interrupted, with nothing measured.
   */
  public static RunObservation stoppedBeforeWatched(List<String> command, Duration interval) {
    return new RunObservation(command, Instant.now(), Optional.empty(), false, true, Duration.ZERO,
        new EventLog(RunClock.of(() -> 0L)), List.of(),
        new SamplerStats(0, 0, 0, interval, Optional.empty(), Duration.ZERO, Optional.empty()),
        Optional.empty(), "none", "not sampled: the run was stopped before it was watched",
        Optional.empty());
  }

  /**
   * Whether {@code e} is an interrupt (Ctrl-C, SIGTERM) surfacing through a library that wraps
   * it unchecked, as docker-java wraps a {@code ClosedByInterruptException}. Clears the thread's
   * flag, as {@link #watch} does: the finished runs must still be written.
   */
  public static boolean interruptedBy(Throwable e) {
    boolean flagged = Thread.interrupted();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException || t instanceof java.nio.channels.ClosedByInterruptException
          || t instanceof java.io.InterruptedIOException) {
        return true;
      }
    }
    return flagged;
  }

  /** Everything seen of one run, for the judge. */
  public static RunObservation observation(List<String> command, Instant launchedAt, Ended ended,
      EventLog events, Sampler sampler, Optional<MemoryTotals> totals) {
    MemoryProbe probe = sampler.probe();
    return new RunObservation(command, launchedAt, ended.exitCode(), ended.timedOut(),
        ended.interrupted(), ended.wall(), events, sampler.samples(), sampler.stats(), totals,
        probe.source(), probe.definition(), Optional.empty());
  }

  /** As {@link #observation(List, Instant, Ended, EventLog, Sampler, Optional)}, with a breakdown. */
  public static RunObservation observation(List<String> command, Instant launchedAt, Ended ended,
      EventLog events, Sampler sampler, Optional<MemoryTotals> totals,
      faremark.orchestrator.sampling.BreakdownTracker breakdown) {
    RunObservation o = observation(command, launchedAt, ended, events, sampler, totals);
    return new RunObservation(o.command(), o.launchedAt(), o.exitCode(), o.timedOut(),
        o.interrupted(), o.processWall(), o.events(), o.samples(), o.samplerStats(), o.totals(),
        o.memorySource(), o.memoryDefinition(), o.failure(), Optional.of(breakdown.snapshots()));
  }
}
