package faremark.orchestrator.backend.local;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The java binary Java workloads run on: the one running the orchestrator (21+, chosen by the
 * build's toolchain), unless {@code FAREMARK_JAVA} names another.
 */
public final class JavaRuntime {
  private JavaRuntime() {}

  public static String command() {
    String override = System.getenv("FAREMARK_JAVA");
    if (override != null && !override.isBlank()) {
      return override;
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return Files.isExecutable(java) ? java.toString() : "java";
  }
}
