package faremark.orchestrator.experiment;

import faremark.orchestrator.results.Outcome;
import faremark.orchestrator.results.RunRecord;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Hands the planned runs to the engines. One engine: each run in turn, in this thread, as faremark
 * always ran them. Several: one thread per engine, each running one run at a time (runs never
 * share an engine's CPUs) and taking the plan's next run whenever it is free, so every engine's
 * runs keep the plan's interleaved order. An engine whose run ended {@code engine-failed} takes
 * no more runs: the others take its share. When every engine is gone, the runs not made are
 * returned, to be said, and what was measured stands.
 */
final class RunDispatcher {

  /** One engine's way of running a planned run: its record, written to disk. */
  interface Lane {
    /** For the console: "engine 2 (unix:///…)". */
    String name();

    /** @throws IOException the experiment cannot go on (the results disk, the fare server) */
    RunRecord run(PlannedRun run) throws IOException;
  }

  /**
   * @param records every run recorded, in the order they ended
   * @param interrupted Ctrl-C or SIGTERM stopped the experiment
   * @param notRun planned runs no engine was left to make
   * @param lost the engines that failed, by name
   */
  record Result(List<RunRecord> records, boolean interrupted, List<PlannedRun> notRun, List<String> lost) {
    /** What the console says about engines lost on the way; empty when none was. */
    java.util.Optional<String> engineLoss() {
      if (lost.isEmpty()) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(notRun.isEmpty()
          ? "lost " + String.join(", ", lost) + " during the experiment; its run in flight is"
              + " recorded engine-failed, its later runs were made on the other engines"
          : "every engine failed (" + String.join(", ", lost) + "); " + notRun.size()
              + " planned run(s) were not made; the " + records.size() + " recorded are kept");
    }
  }

  private final RunProgress progress;
  private final BooleanSupplier stopAsked;

  /** @param stopAsked whether Ctrl-C or SIGTERM came: no run starts after it */
  RunDispatcher(RunProgress progress, BooleanSupplier stopAsked) {
    this.progress = progress;
    this.stopAsked = stopAsked;
  }

  Result dispatch(List<PlannedRun> plan, List<? extends Lane> lanes) throws IOException {
    return lanes.size() == 1 ? inTurn(plan, lanes.get(0)) : inParallel(plan, lanes);
  }

  private Result inTurn(List<PlannedRun> plan, Lane lane) throws IOException {
    List<RunRecord> records = new ArrayList<>();
    for (int i = 0; i < plan.size(); i++) {
      PlannedRun run = plan.get(i);
      if (stopAsked.getAsBoolean() || Thread.currentThread().isInterrupted()) {
        return new Result(records, true, List.of(), List.of());
      }
      progress.started(run);
      RunRecord record = lane.run(run);
      progress.ended(run, record, RunLine.of(record));
      records.add(record);
      if (record.outcome() == Outcome.INTERRUPTED) {
        return new Result(records, true, List.of(), List.of());
      }
      if (record.outcome() == Outcome.ENGINE_FAILED) {
        return new Result(records, false, List.copyOf(plan.subList(i + 1, plan.size())),
            List.of(lane.name()));
      }
    }
    return new Result(records, false, List.of(), List.of());
  }

  /** What the engines' threads share; every field is guarded by this object. */
  private final class Shared {
    final Deque<PlannedRun> queue;
    final List<RunRecord> records = new ArrayList<>();
    final List<String> lost = new ArrayList<>();
    boolean interrupted;
    Throwable failure;

    Shared(List<PlannedRun> plan) {
      queue = new ArrayDeque<>(plan);
    }

    synchronized PlannedRun next() {
      if (interrupted || failure != null || stopAsked.getAsBoolean()) {
        interrupted |= failure == null;
        return null;
      }
      return queue.pollFirst();
    }
  }

  private Result inParallel(List<PlannedRun> plan, List<? extends Lane> lanes) throws IOException {
    Shared shared = new Shared(plan);
    List<Thread> threads = new ArrayList<>();
    for (Lane lane : lanes) {
      threads.add(Thread.ofPlatform().name("faremark-" + lane.name()).unstarted(() -> work(lane, shared)));
    }
    threads.forEach(Thread::start);
    boolean stopped = false;
    for (Thread t : threads) {
      while (t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          // Ctrl-C interrupts this thread: the engines' threads stop their runs as it would
          // have stopped its own, and are waited for, so their records are written.
          stopped = true;
          synchronized (shared) {
            shared.interrupted = true;
          }
          threads.forEach(Thread::interrupt);
        }
      }
    }
    synchronized (shared) {
      if (shared.failure instanceof IOException io) {
        throw io;
      }
      if (shared.failure instanceof RuntimeException r) {
        throw r;
      }
      if (shared.failure instanceof Error err) {
        throw err;
      }
      return new Result(List.copyOf(shared.records), shared.interrupted || stopped,
          List.copyOf(shared.queue), List.copyOf(shared.lost));
    }
  }

  private void work(Lane lane, Shared shared) {
    try {
      runAll(lane, shared);
    } catch (IOException | RuntimeException | Error e) {
      // handed to the dispatching thread, which throws it once every engine has stopped
      synchronized (shared) {
        if (shared.failure == null) {
          shared.failure = e;
        }
      }
    }
  }

  private void runAll(Lane lane, Shared shared) throws IOException {
    PlannedRun run;
    while ((run = shared.next()) != null) {
      RunRecord record = lane.run(run);
      synchronized (shared) {
        // Started and ended at once: two engines' lines never interleave on the console.
        synchronized (progress) {
          progress.started(run);
          progress.ended(run, record, RunLine.of(record) + "  [" + lane.name() + "]");
        }
        shared.records.add(record);
        if (record.outcome() == Outcome.INTERRUPTED) {
          shared.interrupted = true;
          return;
        }
        if (record.outcome() == Outcome.ENGINE_FAILED) {
          shared.lost.add(lane.name());
          return;
        }
      }
    }
  }
}
