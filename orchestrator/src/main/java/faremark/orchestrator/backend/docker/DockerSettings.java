package faremark.orchestrator.backend.docker;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The docker backend's knobs, all from the environment so that `mvn verify`, CI and a shell
 * take them alike. Every value is checked before anything starts.
 *
 * @param network {@code bridge} (default: a network of the experiment's own) or {@code host}
 * @param jreImage base for the Java images instead of the offline tag or the public default
 * @param pythonImage base for the Python image, likewise
 * @param pypyImage base for the PyPy image instead of the offline tag (there is no public
 *     default: see {@link BaseImages#pypy})
 * @param proxyImage the Toxiproxy image to run instead of {@link BaseImages#TOXIPROXY}
 * @param removeImages remove the images faremark built when the experiment ends (default: keep
 *     them as a cache; they are tagged by content, so a changed jar gets a new image)
 * @param memorySource where each run's memory is read from ({@link MemorySource})
 */
public record DockerSettings(
    NetworkMode network,
    Optional<String> jreImage,
    Optional<String> pythonImage,
    Optional<String> pypyImage,
    Optional<String> proxyImage,
    boolean removeImages,
    MemorySource memorySource) {

  /** Settings without a PyPy base of the user's. */
  public DockerSettings(NetworkMode network, Optional<String> jreImage, Optional<String> pythonImage,
      Optional<String> proxyImage, boolean removeImages) {
    this(network, jreImage, pythonImage, Optional.empty(), proxyImage, removeImages);
  }

  /** Settings with the memory source chosen automatically. */
  public DockerSettings(NetworkMode network, Optional<String> jreImage, Optional<String> pythonImage,
      Optional<String> pypyImage, Optional<String> proxyImage, boolean removeImages) {
    this(network, jreImage, pythonImage, pypyImage, proxyImage, removeImages, MemorySource.AUTO);
  }

  public static final String NETWORK = "FAREMARK_DOCKER_NETWORK";
  public static final String JRE_IMAGE = "FAREMARK_JRE_IMAGE";
  public static final String PYTHON_IMAGE = "FAREMARK_PYTHON_IMAGE";
  public static final String PYPY_IMAGE = "FAREMARK_PYPY_IMAGE";
  public static final String PROXY_IMAGE = "FAREMARK_PROXY_IMAGE";
  public static final String REMOVE_IMAGES = "FAREMARK_DOCKER_REMOVE_IMAGES";
  public static final String MEMORY_SOURCE = "FAREMARK_DOCKER_MEMORY_SOURCE";

  /**
   * Where each run's memory is read from. Whatever is chosen, a run whose source cannot see its
   * container falls back to the engine's stats and says why in its memory definition.
   */
  public enum MemorySource {
    /** host where this process sees the engine's cgroups, else probe. */
    AUTO,
    /** The container's cgroup files on this host, read by the orchestrator itself. */
    HOST,
    /** A probe container beside each run, on the engine's host, streaming its readings. */
    PROBE,
    /** The engine's stats API (about one reading a second, no kernel peak). */
    STATS;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How containers are wired together. */
  public enum NetworkMode {
    /** One bridge network per experiment; containers find each other by name. */
    BRIDGE,
    /** The host's network stack: everything on 127.0.0.1 (machines that allow no bridge). */
    HOST;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A bad value, naming the variable, what was expected and what was got. */
  public static final class BadSetting extends Exception {
    BadSetting(String message) {
      super(message);
    }
  }

  public static DockerSettings fromEnvironment() throws BadSetting {
    return from(System.getenv());
  }

  static DockerSettings from(Map<String, String> env) throws BadSetting {
    NetworkMode network = switch (value(env, NETWORK).orElse("bridge").toLowerCase(Locale.ROOT)) {
      case "bridge" -> NetworkMode.BRIDGE;
      case "host" -> NetworkMode.HOST;
      default -> throw new BadSetting(NETWORK + ": expected bridge or host, got '" + env.get(NETWORK) + "'");
    };
    boolean remove = switch (value(env, REMOVE_IMAGES).orElse("false").toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new BadSetting(
          REMOVE_IMAGES + ": expected true or false, got '" + env.get(REMOVE_IMAGES) + "'");
    };
    MemorySource memory = switch (value(env, MEMORY_SOURCE).orElse("auto").toLowerCase(Locale.ROOT)) {
      case "auto" -> MemorySource.AUTO;
      case "host" -> MemorySource.HOST;
      case "probe" -> MemorySource.PROBE;
      case "stats" -> MemorySource.STATS;
      default -> throw new BadSetting(MEMORY_SOURCE + ": expected auto, host, probe or stats, got '"
          + env.get(MEMORY_SOURCE) + "'");
    };
    return new DockerSettings(network, image(env, JRE_IMAGE), image(env, PYTHON_IMAGE),
        image(env, PYPY_IMAGE), image(env, PROXY_IMAGE), remove, memory);
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  /** An image reference: no spaces, no scheme; Docker says the rest when it is used. */
  private static Optional<String> image(Map<String, String> env, String name) throws BadSetting {
    Optional<String> v = value(env, name);
    if (v.isPresent() && (v.get().contains(" ") || v.get().contains("://"))) {
      throw new BadSetting(name + ": expected an image reference such as eclipse-temurin:25-jre,"
          + " got '" + env.get(name) + "'");
    }
    return v;
  }
}
