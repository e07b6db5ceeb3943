package faremark.orchestrator.experiment;

import faremark.orchestrator.backend.Backend;
import faremark.orchestrator.backend.docker.BaseImages;
import faremark.orchestrator.backend.docker.DockerBackend;
import faremark.orchestrator.backend.docker.DockerEngine;
import faremark.orchestrator.backend.docker.DockerSettings;
import faremark.orchestrator.scenario.Scenario;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns {@code --backend} into a backend and says which one on the console: {@code local},
 * {@code docker} (an error, exit 2, when no engine answers or an image cannot be had), or {@code
 * auto} (docker when an engine answers and its images can be had, else local, with the reason).
 */
final class BackendChoice {
  private BackendChoice() {}

  /** The backend asked for cannot be used; the message says why and what to do. */
  static final class Unavailable extends Exception {
    Unavailable(String message) {
      super(message);
    }
  }

  static Backend open(String requested, Scenario scenario, Path projectDir, PrintStream out,
      PrintStream err) throws Unavailable {
    switch (requested) {
      case "local" -> {
        out.println("backend: local");
        return LocalBackend.open(projectDir, out);
      }
      case "docker" -> {
        try {
          Backend docker = docker(scenario, projectDir, out);
          out.println("backend: docker");
          return docker;
        } catch (Unavailable e) {
          throw new Unavailable("--backend docker: " + e.getMessage());
        }
      }
      case "auto" -> {
        try {
          Backend docker = docker(scenario, projectDir, out);
          out.println("backend: docker (auto: a Docker engine answered)");
          return docker;
        } catch (Unavailable e) {
          out.println("backend: local (auto: " + e.getMessage() + ")");
          return LocalBackend.open(projectDir, out);
        }
      }
      default -> throw new Unavailable(
          "--backend: expected auto, local or docker, got '" + requested + "'");
    }
  }

  private static Backend docker(Scenario scenario, Path projectDir, PrintStream out)
      throws Unavailable {
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
