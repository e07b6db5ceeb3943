package faremark.orchestrator.backend.docker;

import faremark.orchestrator.backend.Backend;
import faremark.orchestrator.backend.BackendProvider;
import faremark.orchestrator.scenario.Scenario;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code --backend docker}: available when a Docker engine answers and the images can be had;
 * auto's first choice, since a container per run isolates more than a process does.
 */
public final class DockerBackendProvider implements BackendProvider {
  @Override
  public String id() {
    return DockerBackend.ID;
  }

  @Override
  public boolean automatic() {
    return true;
  }

  @Override
  public String pickedBecause() {
    return "a Docker engine answered";
  }

  /** Containers and networks of dead faremark processes of this host, where an engine answers. */
  @Override
  public List<String> removeLeftovers() {
    if (!(DockerEngine.connect() instanceof DockerEngine.Found found)) {
      return List.of();
    }
    try (DockerEngine engine = found.engine()) {
      return new Leftovers(engine.client()).removeOrphans();
    }
  }

  @Override
  public Backend open(Scenario scenario, Path projectDir, PrintStream out) throws Unavailable {
    List<String> external = scenario.models().stream().filter(scenario::isExternal).toList();
    if (!external.isEmpty()) {
      throw new Unavailable("model(s) " + external + " are external commands, which run only on"
          + " the local backend");
    }
    DockerSettings settings;
    try {
      settings = DockerSettings.fromEnvironment();
    } catch (DockerSettings.BadSetting e) {
      throw new Unavailable(e.getMessage());
    }
    DockerEngine engine = switch (DockerEngine.connect()) {
      case DockerEngine.Found f -> f.engine();
      case DockerEngine.Missing m -> throw new Unavailable(m.reason());
    };
    out.println("docker: " + engine.describe() + ", " + settings.network().id() + " network");
    try {
      return DockerBackend.open(engine, settings, projectDir, scenario, out);
    } catch (BaseImages.Missing | IOException e) {
      engine.close();
      throw new Unavailable(e.getMessage());
    }
  }
}
