package faremark.orchestrator.backend;

import faremark.orchestrator.scenario.Scenario;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where an experiment's parts run and how each run is isolated and measured. Three exist: {@code
 * local} (OS processes in their own cgroups, server and proxy in this JVM), {@code docker} (one
 * container per run, server and proxy in containers) and {@code kubernetes} (one Job per run,
 * server and proxy as pods). Closing releases everything the backend made (cgroups, containers,
 * networks, namespaces).
 */
public interface Backend extends AutoCloseable {

  /** {@code local}, {@code docker} or {@code kubernetes}, as written in the results. */
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

  /**
   * The engines this backend spreads runs over, each with a stage of its own and one run at a
   * time: itself alone for every backend but docker given several hosts. The first is this
   * backend's own engine (its {@link #stage} and {@link #run}).
   */
  default List<Backend> engines() {
    return List.of(this);
  }

  /**
   * Where a run of {@code model} runs, for its record when runs are spread over several engines
   * (address, name, id, kernel, CPU model, version, image ids); empty where there is one.
   */
  default Map<String, Object> engineRecord(String model) {
    return Map.of();
  }

  /**
   * Why this backend's engine no longer answers (stopped, unreachable); empty while it does.
   * Asked after a run failed in an engine call, to tell a lost engine from a broken run.
   */
  default Optional<String> lost() {
    return Optional.empty();
  }

  @Override
  void close();
}
