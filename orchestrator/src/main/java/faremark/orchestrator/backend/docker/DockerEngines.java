package faremark.orchestrator.backend.docker;

import faremark.orchestrator.backend.Backend;
import faremark.orchestrator.backend.RunObservation;
import faremark.orchestrator.backend.Stage;
import faremark.orchestrator.backend.WorkloadRun;
import faremark.orchestrator.scenario.Scenario;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The docker backend over several engines ({@code --docker-hosts}): one {@link DockerBackend} per
 * engine, each with its own images (built there from the same content hash), fare server and
 * proxy, so the network between a workload and its server is the scenario's wherever it runs.
 * The runner spreads runs over {@link #engines()}; as a backend of its own this is the first
 * engine (its stage, its runs), and it opens and closes them all.
 */
public final class DockerEngines implements Backend {
  private final List<DockerBackend> engines;
  private final PrintStream out;

  private DockerEngines(List<DockerBackend> engines, PrintStream out) {
    this.engines = List.copyOf(engines);
    this.out = out;
  }

  /**
   * Opens every engine in order; the first resolves the base images and the others are given the
   * same ones (loaded from it where they lack them).
   *
   * @throws IOException naming the engine that cannot be used; nothing is left open
   */
  static DockerEngines open(List<DockerEngine> connected, DockerSettings settings, Path projectDir,
      Scenario scenario, PrintStream out) throws IOException, BaseImages.Missing {
    List<DockerBackend> opened = new ArrayList<>();
    int next = 0;
    try {
      for (DockerEngine engine : connected) {
        next++;
        out.println("docker engine " + next + " of " + connected.size() + ": " + engine.describe());
        if (!opened.isEmpty()) {
          DockerBackend first = opened.get(0);
          BaseImageCopy.ensure(first.engine().client(), first.engine().host(), engine.client(),
              engine.host(), first.sharedImages(), out);
        }
        opened.add(DockerBackend.open(engine, settings, projectDir, scenario, out));
      }
      for (DockerBackend b : opened) {
        b.readCpuModel();
      }
      return new DockerEngines(opened, out);
    } catch (IOException | BaseImages.Missing | RuntimeException e) {
      opened.forEach(DockerBackend::close);
      connected.subList(opened.size(), connected.size()).forEach(DockerEngine::close);
      throw e;
    }
  }

  @Override
  public List<Backend> engines() {
    return List.copyOf(engines);
  }

  @Override
  public String id() {
    return DockerBackend.ID;
  }

  @Override
  public String memoryDescription() {
    return engines.get(0).memoryDescription() + "; on each of " + engines.size() + " engines";
  }

  /** The first engine's facts, and every engine's under {@code engines}. */
  @Override
  public Map<String, Object> environment() {
    Map<String, Object> env = new LinkedHashMap<>(engines.get(0).environment());
    List<Map<String, Object>> all = new ArrayList<>();
    for (DockerBackend b : engines) {
      Map<String, Object> one = new LinkedHashMap<>(b.environment());
      one.put("where", b.engineRecord(""));
      all.add(one);
    }
    env.put("engines", all);
    return env;
  }

  /**
   * The models every engine can run: the first says what it skips and why, as one engine would;
   * a model another engine cannot run (its image's interpreter lacks a library) is skipped with
   * that engine named, so no model's runs depend on which engine they land on.
   */
  @Override
  public List<String> runnable(Scenario scenario, PrintStream out, PrintStream err) {
    Set<String> all = new LinkedHashSet<>(engines.get(0).runnable(scenario, out, err));
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    for (DockerBackend b : engines.subList(1, engines.size())) {
      List<String> here = b.runnable(scenario, quiet, quiet);
      for (String model : List.copyOf(all)) {
        if (!here.contains(model)) {
          err.println("skipped " + model + ": it cannot run on the engine at " + b.engine().host()
              + " (its image lacks what the model needs), and runs must not depend on the engine");
          all.remove(model);
        }
      }
    }
    return List.copyOf(all);
  }

  @Override
  public void prepare(Path resultsDir) throws IOException {
    engines.get(0).prepare(resultsDir);
  }

  @Override
  public Stage stage(Scenario scenario) throws IOException {
    return engines.get(0).stage(scenario);
  }

  @Override
  public RunObservation run(WorkloadRun run) throws IOException {
    return engines.get(0).run(run);
  }

  @Override
  public Map<String, Object> engineRecord(String model) {
    return engines.get(0).engineRecord(model);
  }

  /**
   * Closes every engine; for one that was lost, says whether it answered again (and what of
   * this experiment was removed from it then) or is left to the next start's sweep.
   */
  @Override
  public void close() {
    for (DockerBackend b : engines) {
      try {
        if (b.wasLost()) {
          out.println("docker: the engine at " + b.engine().host() + b.removeIfBack()
              .map(removed -> " answers again; removed what this experiment left there: "
                  + (removed.isEmpty() ? "nothing was left" : String.join(", ", removed)))
              .orElse(" was lost during the experiment and still does not answer; the next"
                  + " faremark start on it removes what this experiment left there"));
        }
        b.close();
      } catch (RuntimeException e) {
        out.println("docker: closing the engine at " + b.engine().host() + " failed: " + e.getMessage());
      }
    }
  }
}
