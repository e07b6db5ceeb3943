package faremark.orchestrator.backend.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One of the project's images: its Dockerfile, the base build argument, and exactly the files
 * its build context holds (as the Dockerfile's COPY names them), taken from the build tree. The
 * context is only these files, whatever else lies in the module folder.
 *
 * @param name image name below {@code faremark/}
 * @param module the module folder, relative to the project
 * @param dockerfile the Dockerfile's name in that folder (sent as {@code Dockerfile})
 * @param baseArg the Dockerfile's ARG for its base image
 * @param files context path → project path (a folder is taken whole, caches excepted)
 */
public record ImageRecipe(String name, String module, String dockerfile, String baseArg,
    Map<String, String> files) {

  /** A module's image from its {@code Dockerfile}. */
  public ImageRecipe(String name, String module, String baseArg, Map<String, String> files) {
    this(name, module, "Dockerfile", baseArg, files);
  }

  public static final ImageRecipe FARE_SERVER = new ImageRecipe("fare-server", "fare-server",
      "JRE_IMAGE", Map.of("target/fare-server.jar", "fare-server/target/fare-server.jar"));
  public static final ImageRecipe SHAPER = new ImageRecipe("shaper", "shaper", "JRE_IMAGE",
      Map.of("target/shaper.jar", "shaper/target/shaper.jar"));
  public static final ImageRecipe WORKLOAD_JAVA = new ImageRecipe("workload-java", "workload/java",
      "JRE_IMAGE", Map.of("target/workload-java.jar", "workload/java/target/workload-java.jar"));
  public static final ImageRecipe WORKLOAD_PYTHON = new ImageRecipe("workload-python",
      "workload/python", "PYTHON_IMAGE", Map.of("src/main/python", "workload/python/src/main/python"));
  /** The same Python sources for PyPy: its interpreter and the libraries that load on it. */
  public static final ImageRecipe WORKLOAD_PYPY = new ImageRecipe("workload-pypy",
      "workload/python", "Dockerfile.pypy", "PYPY_IMAGE",
      Map.of("src/main/python", "workload/python/src/main/python"));

  /**
   * The probe container: the orchestrator's compiled classes of the packages its entry point
   * uses (the probe, sampling, and the cgroup lookup of the two backends), no jar. The JVM loads
   * only the classes it touches, none of which needs a library.
   */
  public static final ImageRecipe PROBE = new ImageRecipe("probe", "orchestrator", "Dockerfile.probe",
      "JRE_IMAGE", Map.of(
          "classes/faremark/orchestrator/probe", "orchestrator/target/classes/faremark/orchestrator/probe",
          "classes/faremark/orchestrator/sampling", "orchestrator/target/classes/faremark/orchestrator/sampling",
          "classes/faremark/orchestrator/backend/docker",
          "orchestrator/target/classes/faremark/orchestrator/backend/docker",
          "classes/faremark/orchestrator/backend/local",
          "orchestrator/target/classes/faremark/orchestrator/backend/local"));

  /** A file the recipe needs is not in the build tree. */
  public static final class NotBuilt extends IOException {
    NotBuilt(String message) {
      super(message);
    }
  }

  /**
   * Context path → the file's bytes, Dockerfile first, folders expanded, in a stable order. Read
   * once: the same bytes give the image's tag and go to the engine.
   */
  public Map<String, byte[]> context(Path projectDir) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    Path file = projectDir.resolve(module).resolve(dockerfile);
    require(file);
    out.put("Dockerfile", Files.readAllBytes(file));
    for (Map.Entry<String, String> e : files.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
      Path source = projectDir.resolve(e.getValue());
      require(source);
      if (Files.isDirectory(source)) {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(source)) {
          all = walk.filter(Files::isRegularFile)
              .filter(p -> !p.toString().contains("__pycache__") && !p.toString().endsWith(".pyc"))
              .sorted().toList();
        }
        for (Path p : all) {
          out.put(e.getKey() + "/" + source.relativize(p).toString().replace('\\', '/'),
              Files.readAllBytes(p));
        }
      } else {
        out.put(e.getKey(), Files.readAllBytes(source));
      }
    }
    return out;
  }

  private static void require(Path p) throws NotBuilt {
    if (!Files.exists(p)) {
      throw new NotBuilt(p + " is missing: build the project first"
          + " (mvn -DskipTests -Dfaremark.skipExperiment package)");
    }
  }
}
