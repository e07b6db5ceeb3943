package faremark.orchestrator.backend;

import faremark.orchestrator.scenario.Scenario;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where an experiment's parts run and how each run is isolated and measured. Two exist: {@code
 * local} (OS processes in their own cgroups, server and proxy in this JVM) and {@code docker}
 * (one container per run, server and proxy in containers). Closing releases everything the
 * backend made (cgroups, containers, networks).
 */
public interface Backend extends AutoCloseable {

  /** {@code local} or {@code docker}, as written in the results. */
  String id();

  /** What memory figures come from, in words, for the console and environment.json. */
  String memoryDescription();

  /** Backend facts for environment.json (engine, images, CPU placement, ...). */
  Map<String, Object> environment();

  /**
   * The scenario's models this backend can run, before anything starts; what it cannot run or
   * apply is said on {@code out} / {@code err} with the reason.
   */
  List<String> runnable(Scenario scenario, PrintStream out, PrintStream err);

  /** Writes what the runs will need into the results folder (e.g. the Python sources). */
  void prepare(Path resultsDir) throws IOException;

  /** Starts the fare server and the proxy with the scenario's toxics. */
  Stage stage(Scenario scenario) throws IOException;

  /**
   * Runs one workload to its end (or timeout, or Ctrl-C) and returns what was seen; everything
   * the run started is gone when this returns.
   */
  RunObservation run(WorkloadRun run) throws IOException;

  @Override
  void close();
}
