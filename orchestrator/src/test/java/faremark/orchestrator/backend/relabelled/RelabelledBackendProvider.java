package faremark.orchestrator.backend.relabelled;

import faremark.orchestrator.backend.Backend;
import faremark.orchestrator.backend.BackendProvider;
import faremark.orchestrator.backend.RunObservation;
import faremark.orchestrator.backend.Stage;
import faremark.orchestrator.backend.WorkloadRun;
import faremark.orchestrator.backend.local.LocalBackend;
import faremark.orchestrator.scenario.Scenario;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The "add a backend" recipe of docs/extending.md, done in test sources: this package plus one
 * line in {@code META-INF/services/faremark.orchestrator.backend.BackendProvider} (test
 * resources). It runs everything as the local backend does, under its own id, and counts the
 * runs it was given, so {@code RelabelledBackendTest} can tell the runner really used it.
 */
public final class RelabelledBackendProvider implements BackendProvider {
  public static final String ID = "relabelled-local";
  public static final AtomicInteger RUNS = new AtomicInteger();

  @Override
  public String id() {
    return ID;
  }

  /** Only when asked for by name: auto must not pick a test backend. */
  @Override
  public boolean automatic() {
    return false;
  }

  /** The local backend's sweep covers this one's runs: nothing of its own is left. */
  @Override
  public List<String> removeLeftovers() {
    return List.of();
  }

  @Override
  public Backend open(Scenario scenario, Path projectDir, PrintStream out) {
    LocalBackend local = LocalBackend.open(projectDir, out);
    return new Backend() {
      @Override
      public String id() {
        return ID;
      }

      @Override
      public String memoryDescription() {
        return local.memoryDescription();
      }

      @Override
      public Map<String, Object> environment() {
        return Map.of("delegate", local.id());
      }

      @Override
      public List<String> runnable(Scenario s, PrintStream o, PrintStream e) {
        return local.runnable(s, o, e);
      }

      @Override
      public void prepare(Path resultsDir) throws IOException {
        local.prepare(resultsDir);
      }

      @Override
      public Stage stage(Scenario s) throws IOException {
        return local.stage(s);
      }

      @Override
      public RunObservation run(WorkloadRun run) throws IOException {
        RUNS.incrementAndGet();
        return local.run(run);
      }

      @Override
      public void close() {
        local.close();
      }
    };
  }
}
