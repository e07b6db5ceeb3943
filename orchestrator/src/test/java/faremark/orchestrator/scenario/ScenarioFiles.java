package faremark.orchestrator.scenario;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root (where scenarios/ lives) from the module's working directory. */
public final class ScenarioFiles {
  private ScenarioFiles() {}

  public static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("scenarios"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no scenarios/ folder above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
