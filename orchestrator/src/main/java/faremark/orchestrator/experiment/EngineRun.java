package faremark.orchestrator.experiment;

import faremark.orchestrator.backend.Backend;
import faremark.orchestrator.backend.RunObservation;
import faremark.orchestrator.backend.RunWatcher;
import faremark.orchestrator.backend.Stage;
import faremark.orchestrator.backend.WorkloadRun;
import faremark.orchestrator.results.ResultsFolder;
import faremark.orchestrator.results.RunRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import faremark.orchestrator.results.InFlight;

/**
 * One run on one of several engines: as a run on the only engine, except that its record names
 * the engine and the images it ran, and that an engine lost under it (a failed engine call, or
 * its fare server gone, and the engine no longer answering) records the run {@code
 * engine-failed}, with whatever was seen, instead of ending the experiment: the other engines
 * go on.
 */
final class EngineRun {
  private EngineRun() {}

  /** How a run is judged once seen: {@link RunJudges} with the run's point. */
  interface Judge {
    RunRecord judge(RunObservation seen, Object serverStats, InFlight inFlight);
  }

  /** The fare server's barrier for the run (one that holds nothing outside a sweep). */
  interface BarrierArming {
    RunBarrier arm() throws IOException;
  }

  /**
   * @param workload the run, given whether the barrier has released its requests (the memory
   *     breakdown at full in flight is read then)
   */
  static RunRecord run(Backend backend, Stage stage, PlannedRun run, BarrierArming barrierFor,
      Function<BooleanSupplier, WorkloadRun> workload, Judge judge, ResultsFolder folder,
      Path runDir) throws IOException {
    RunObservation seen;
    Optional<String> lost = Optional.empty();
    RunBarrier barrier = null;
    InFlight inFlight = null;
    try {
      stage.server().resetStats();
      barrier = barrierFor.arm();
      try (RunBarrier armed = barrier) {
        seen = backend.run(workload.apply(armed::released));
      }
    } catch (IOException | RuntimeException e) {
      lost = backend.lost();
      if (lost.isEmpty()) {
        throw e; // the engine answers: not this case (the results disk, a broken image)
      }
      seen = RunWatcher.stoppedBeforeWatched(List.of(), workload.apply(() -> false).sampleInterval());
      lost = Optional.of(lost.get() + " (" + firstLine(e) + ")");
    }
    Object serverStats;
    if (lost.isPresent()) {
      serverStats = Map.of("error", lost.get());
    } else {
      try {
        inFlight = barrier.result();
        serverStats = stage.server().stats();
      } catch (IOException e) {
        lost = backend.lost();
        if (lost.isEmpty()) {
          throw new IOException("the fare server (" + stage.server().describe() + ") stopped"
              + " answering during run " + run.runId() + " (" + e.getMessage() + "); the"
              + " experiment stops here", e);
        }
        serverStats = Map.of("error", "the fare server did not answer after the run: " + lost.get());
      }
    }
    RunRecord record = judge.judge(seen, serverStats, inFlight)
        .withEngine(backend.engineRecord(run.model()));
    if (lost.isPresent()) {
      record = record.engineFailed(lost.get() + "; the engine's later runs go to the other engines");
    }
    try {
      RunFiles.write(folder, runDir, seen, record);
    } catch (IOException e) {
      throw ExperimentRunner.writing(runDir, "run " + run.runId(), e);
    }
    return record;
  }

  private static String firstLine(Throwable e) {
    String m = String.valueOf(e.getMessage()).strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
