package faremark.orchestrator.compose;

import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Compose project of the repository's compose files, under a name of its own so that it can
 * never touch a user's stack, with the images it builds tagged with a tag of its own. Closing it
 * takes it down ({@code down --volumes --remove-orphans}), removes exactly the images it built,
 * and fails if any container, network, volume or image of the project is still there.
 */
public final class ComposeProject implements AutoCloseable {
  /** What the Compose files build: faremark/compose-fare-server, -shaper, -workload-java ... */
  static final String IMAGE_PREFIX = "faremark/compose-";

  private final List<String> compose;
  private final Path root;
  private final String name;
  private final String imageTag;
  private final List<String> files;
  private final String profile;
  private final Map<String, String> env;
  private Duration cleanupTook = Duration.ZERO;

  public ComposeProject(List<String> compose, Path root, String name, String imageTag, List<String> files,
      String profile, Map<String, String> variables) {
    this.compose = List.copyOf(compose);
    this.root = root;
    this.name = name;
    this.imageTag = imageTag;
    this.files = List.copyOf(files);
    this.profile = profile;
    Map<String, String> e = new LinkedHashMap<>(variables);
    e.put("FAREMARK_IMAGE_TAG", imageTag);
    this.env = Map.copyOf(e);
  }

  public String name() {
    return name;
  }

  /** How long {@link #close()} took: down, image removal and the leftover checks. */
  public Duration cleanupTook() {
    return cleanupTook;
  }

  /** {@code <compose> -p NAME -f F1 -f F2 --profile P ARGS...}; P is the model's language. */
  List<String> command(String... args) {
    List<String> c = new ArrayList<>(compose);
    c.addAll(List.of("-p", name));
    for (String f : files) {
      c.addAll(List.of("-f", root.resolve(f).toString()));
    }
    c.addAll(List.of("--profile", profile));
    c.addAll(Arrays.asList(args));
    return c;
  }

  public Exec.Result compose(Duration timeout, String... args) throws IOException, InterruptedException {
    return Exec.run(timeout, root, environment(), command(args));
  }

  /**
   * The caller's environment with Compose's own variables taken out (the command line says which
   * files, project and profile) and the run's FAREMARK_* variables put in; they win over .env.
   */
  private Map<String, String> environment() {
    Map<String, String> e = new LinkedHashMap<>();
    for (String v : List.of("COMPOSE_FILE", "COMPOSE_PROFILES", "COMPOSE_PROJECT_NAME",
        "COMPOSE_PATH_SEPARATOR")) {
      e.put(v, "");
    }
    e.putAll(env);
    return e;
  }

  public static Exec.Result docker(Duration timeout, String... args) throws IOException, InterruptedException {
    List<String> c = new ArrayList<>(List.of("docker"));
    c.addAll(Arrays.asList(args));
    return Exec.run(timeout, Path.of("."), Map.of(), c);
  }

  /** Containers of this project, running or not. */
  public List<String> containers() throws IOException, InterruptedException {
    return lines(docker(ofSeconds(30), "ps", "-a", "-q", "--filter", "label=com.docker.compose.project=" + name));
  }

  /** Networks of this project (there should never be one: host networking only). */
  public List<String> networks() throws IOException, InterruptedException {
    return lines(docker(ofSeconds(30), "network", "ls", "-q", "--filter", "label=com.docker.compose.project=" + name));
  }

  /** Volumes of this project (the files declare none: a named or anonymous one would be new). */
  public List<String> volumes() throws IOException, InterruptedException {
    return lines(docker(ofSeconds(30), "volume", "ls", "-q", "--filter", "label=com.docker.compose.project=" + name));
  }

  /** The images this project built: faremark/compose-*:{imageTag}. */
  public List<String> images() throws IOException, InterruptedException {
    return lines(docker(ofSeconds(30), "images", "--format", "{{.Repository}}:{{.Tag}}")).stream()
        .filter(i -> i.startsWith(IMAGE_PREFIX) && i.endsWith(":" + imageTag))
        .toList();
  }

  private static List<String> lines(Exec.Result r) throws IOException {
    if (!r.ok()) {
      throw new IOException(r.describe());
    }
    return r.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  /**
   * Down, then the images; anything of the project still there afterwards is removed by force
   * and reported, so a broken {@code down} fails the test instead of leaking quietly.
   */
  @Override
  public void close() throws IOException, InterruptedException {
    long started = System.nanoTime();
    try {
      cleanUp();
    } finally {
      cleanupTook = Duration.ofNanos(System.nanoTime() - started);
    }
  }

  private void cleanUp() throws IOException, InterruptedException {
    List<String> problems = new ArrayList<>();
    Exec.Result down = compose(ofMinutes(2), "down", "--volumes", "--remove-orphans", "--timeout", "10");
    if (!down.ok()) {
      problems.add("down failed: " + down.describe());
    }
    List<String> images = images();
    if (!images.isEmpty()) {
      List<String> rmi = new ArrayList<>(List.of("rmi"));
      rmi.addAll(images);
      Exec.Result removed = docker(ofMinutes(1), rmi.toArray(String[]::new));
      if (!removed.ok()) {
        problems.add("removing the images failed: " + removed.describe());
      }
    }
    List<String> containers = containers();
    if (!containers.isEmpty()) {
      problems.add("containers left after down: " + containers);
      List<String> rm = new ArrayList<>(List.of("rm", "-f", "-v"));
      rm.addAll(containers);
      docker(ofMinutes(1), rm.toArray(String[]::new));
    }
    List<String> networks = networks();
    if (!networks.isEmpty()) {
      problems.add("networks left after down: " + networks);
      List<String> rm = new ArrayList<>(List.of("network", "rm"));
      rm.addAll(networks);
      docker(ofMinutes(1), rm.toArray(String[]::new));
    }
    List<String> volumes = volumes();
    if (!volumes.isEmpty()) {
      problems.add("volumes left after down: " + volumes);
      List<String> rm = new ArrayList<>(List.of("volume", "rm", "-f"));
      rm.addAll(volumes);
      docker(ofMinutes(1), rm.toArray(String[]::new));
    }
    List<String> imagesLeft = images();
    if (!imagesLeft.isEmpty()) {
      problems.add("images left: " + imagesLeft);
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("compose project " + name + " did not clean up: "
          + String.join("; ", problems));
    }
  }
}
