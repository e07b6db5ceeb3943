package faremark.orchestrator.backend.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project folder the images are built from: the working directory or the nearest parent
 * holding the fare server's Dockerfile (Maven runs the tests in {@code orchestrator/}).
 */
public final class ProjectDir {
  private ProjectDir() {}

  public static Path find(Path start) throws IOException {
    for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("fare-server/Dockerfile"))
          && Files.isRegularFile(p.resolve("workload/java/Dockerfile"))) {
        return p;
      }
    }
    throw new IOException("the docker backend builds its images from the project's Dockerfiles,"
        + " and neither " + start.toAbsolutePath() + " nor a parent holds fare-server/Dockerfile:"
        + " run faremark from the project folder");
  }
}
