package faremark.orchestrator.backend.docker;

import faremark.orchestrator.backend.Backend;
import faremark.orchestrator.backend.BackendOptions;
import faremark.orchestrator.backend.BackendProvider;
import faremark.orchestrator.scenario.Scenario;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
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
    List<EngineAddress> hosts;
    try {
      // The watchdog inherits the orchestrator's environment: a plain-text remote engine is
      // never swept from it (allowing one is the command line's, which it does not see).
      hosts = EngineHosts.of(java.util.Optional.empty(), System.getenv(), false);
    } catch (EngineAddress.BadAddress e) {
      hosts = List.of();
    }
    List<DockerEngine.Probe> probes = hosts.isEmpty() ? List.of(DockerEngine.connect())
        : hosts.stream().map(DockerEngine::connect).toList();
    List<String> removed = new ArrayList<>();
    for (DockerEngine.Probe probe : probes) {
      if (probe instanceof DockerEngine.Found found) {
        try (DockerEngine engine = found.engine()) {
          removed.addAll(new Leftovers(engine.client()).removeOrphans());
        } catch (RuntimeException e) {
          // an engine that went away meanwhile: its next start's sweep does it
        }
      }
    }
    return removed;
  }

  @Override
  public Backend open(Scenario scenario, Path projectDir, PrintStream out) throws Unavailable {
    return open(scenario, projectDir, out, BackendOptions.none());
  }

  /**
   * The engines the user named ({@code --docker-hosts}, else {@code FAREMARK_DOCKER_HOSTS}), or
   * the one discovery finds. One named engine is a docker backend as before, on that engine;
   * several are spread over ({@link DockerEngines}).
   */
  @Override
  public Backend open(Scenario scenario, Path projectDir, PrintStream out, BackendOptions options)
      throws Unavailable {
    if (options.clusterOption().isPresent()) {
      throw new Unavailable(options.clusterOption().get() + " is for --backend kubernetes; the"
          + " docker backend runs no cluster");
    }
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
    List<EngineAddress> hosts;
    try {
      hosts = EngineHosts.of(options.dockerHosts(), System.getenv(), options.allowInsecureEngine());
    } catch (EngineAddress.BadAddress e) {
      throw new Unavailable(e.getMessage());
    }
    if (hosts.size() > 1) {
      return several(hosts, settings, projectDir, scenario, out);
    }
    DockerEngine engine = switch (hosts.isEmpty() ? DockerEngine.connect() : DockerEngine.connect(hosts.get(0))) {
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

  private static Backend several(List<EngineAddress> hosts, DockerSettings settings, Path projectDir,
      Scenario scenario, PrintStream out) throws Unavailable {
    List<DockerEngine> connected = new ArrayList<>();
    for (EngineAddress host : hosts) {
      switch (DockerEngine.connect(host)) {
        case DockerEngine.Found f -> connected.add(f.engine());
        case DockerEngine.Missing m -> {
          connected.forEach(DockerEngine::close);
          throw new Unavailable(m.reason() + " (one of the " + hosts.size() + " engines named)");
        }
      }
    }
    out.println("docker: " + hosts.size() + " engines, one run at a time on each, "
        + settings.network().id() + " network");
    try {
      return DockerEngines.open(connected, settings, projectDir, scenario, out);
    } catch (BaseImages.Missing | IOException e) {
      throw new Unavailable(e.getMessage());
    }
  }
}
