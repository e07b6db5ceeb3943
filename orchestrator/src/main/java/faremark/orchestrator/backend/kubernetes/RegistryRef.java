package faremark.orchestrator.backend.kubernetes;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The registry the user named with {@code --image-registry}, checked, and the names faremark's
 * images get there.
 *
 * <p>Written {@code host[:port][/path]}: {@code localhost:5001},
 * {@code registry.example.com/team/faremark}, {@code 10.0.0.2:5000/x}. The host must look like
 * one to Docker (a dot, a port, or {@code localhost}): a bare first word such as {@code team}
 * would silently mean a Docker Hub repository, so Docker Hub is written {@code docker.io/team}.
 * No scheme (the engine chooses https, or plain http for the registries it allows as insecure),
 * no tag and no digest (faremark tags each image itself), path components in lowercase as
 * Docker's reference grammar wants them.
 *
 * <p>Naming scheme: the local image {@code faremark/<name>:<tag>} (as {@code ProjectImages}
 * builds it, the tag a content hash) becomes {@code <registry>/faremark-<name>:<tag>}, and is
 * pinned for the pods as {@code <registry>/faremark-<name>@sha256:<digest>}. One path level
 * below the user's prefix, not {@code <registry>/faremark/<name>}: some registries allow exactly
 * one level below a namespace (Docker Hub's {@code docker.io/team/<repo>}), and the prefix keeps
 * faremark's repositories together in a listing.
 *
 * @param host {@code host[:port]} as written
 * @param path the path below the host without leading or trailing slash; empty when none
 */
public record RegistryRef(String host, String path) {
  /** The option the error messages name. */
  public static final String OPTION = "--image-registry";

  /** What every repository name gets in front of the image's own name. */
  public static final String PREFIX = "faremark-";

  private static final String EXPECTED = "expected host[:port][/path], e.g. localhost:5001 or"
      + " registry.example.com/team/faremark";

  // Docker's reference grammar (distribution/reference): domain components, then path components.
  private static final Pattern DOMAIN_COMPONENT =
      Pattern.compile("[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]");
  private static final Pattern PATH_COMPONENT =
      Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  /** Docker refuses longer repository names (host and path together). */
  static final int NAME_MAX = 255;

  /** Checked as {@link #parse} checks: a RegistryRef is always a usable prefix. */
  public RegistryRef {
    if (host == null || path == null) {
      throw new IllegalArgumentException("host and path must not be null");
    }
    String whole = path.isEmpty() ? host : host + "/" + path;
    checkHost(whole, host);
    if (!path.isEmpty()) {
      String[] components = path.split("/", -1);
      for (int i = 0; i < components.length; i++) {
        checkPathComponent(whole, components[i], i == components.length - 1);
      }
    }
    // the shortest image name must fit too; longer ones are checked as they are named
    if (whole.length() + 1 + PREFIX.length() + 1 > NAME_MAX) {
      throw bad(whole, "it is too long: Docker allows " + NAME_MAX + " characters for a"
          + " repository's name, host and path together, and faremark adds /" + PREFIX
          + "<image name>");
    }
  }

  /**
   * The registry as the user wrote it, checked.
   *
   * @throws IllegalArgumentException naming {@value #OPTION}, what was wrong and what is expected
   */
  public static RegistryRef parse(String text) {
    if (text == null || text.isBlank()) {
      throw bad(String.valueOf(text), "it is empty");
    }
    String s = text.strip();
    if (s.contains("://")) {
      throw bad(s, "no scheme: write " + s.substring(s.indexOf("://") + 3).replaceAll("/+$", "")
          + " (the Docker engine"
          + " speaks https to a registry, or plain http where it allows it as insecure)");
    }
    if (s.contains("@")) {
      throw bad(s, "no digest: faremark pushes each image and pins it by digest itself");
    }
    if (s.endsWith("/")) {
      throw bad(s, "no trailing slash");
    }
    int slash = s.indexOf('/');
    return slash < 0 ? new RegistryRef(s, "") : new RegistryRef(s.substring(0, slash), s.substring(slash + 1));
  }

  private static void checkHost(String whole, String host) {
    if (host.isEmpty()) {
      throw bad(whole, "the host is missing");
    }
    String name = host;
    int colon = host.lastIndexOf(':');
    if (colon >= 0) {
      name = host.substring(0, colon);
      String port = host.substring(colon + 1);
      if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
        throw bad(whole, "'" + port + "' after the host is not a port (1 to 65535)"
            + (port.matches("[0-9]*") ? "" : "; a tag is not written here: faremark tags"
                + " each image with its content hash"));
      }
    }
    for (String component : name.split("\\.", -1)) {
      if (!DOMAIN_COMPONENT.matcher(component).matches()) {
        throw bad(whole, "'" + name + "' is not a host name or IPv4 address (letters, digits and"
            + " inner hyphens between dots)");
      }
    }
    if (colon < 0 && !name.contains(".") && !name.equals("localhost")) {
      throw bad(whole, "'" + name + "' is not a registry host: Docker would read it as a Docker"
          + " Hub namespace; write the host, e.g. docker.io/" + name.toLowerCase(Locale.ROOT)
          + " for Docker Hub, or " + name + ":5000 for a registry of that name");
    }
  }

  private static void checkPathComponent(String whole, String component, boolean last) {
    if (component.isEmpty()) {
      throw bad(whole, "an empty path component (two slashes)");
    }
    if (component.contains(":")) {
      throw bad(whole, "no tag" + (last ? "" : " or port in the path") + ": faremark tags each"
          + " image with its content hash itself ('" + component + "')");
    }
    if (!component.equals(component.toLowerCase(Locale.ROOT))) {
      throw bad(whole, "path components must be lowercase (Docker's rule): '" + component + "'");
    }
    if (!PATH_COMPONENT.matcher(component).matches()) {
      throw bad(whole, "'" + component + "' is not a valid path component: lowercase letters and"
          + " digits, with separators (. _ __ or hyphens) only between them");
    }
  }

  private static IllegalArgumentException bad(String text, String why) {
    return new IllegalArgumentException(OPTION + " '" + text + "': " + why + "; " + EXPECTED);
  }

  /** {@code host[:port][/path]}, as the user wrote it (trimmed). */
  @Override
  public String toString() {
    return path.isEmpty() ? host : host + "/" + path;
  }

  /** The registry repository for the local image: {@code <registry>/faremark-<name>}. */
  public String repository(String localReference) {
    return repositoryOf(LocalImage.parse(localReference));
  }

  /** The tag faremark pushes, or expects the user to have pushed: {@code <registry>/faremark-<name>:<tag>}. */
  public String tagged(String localReference) {
    LocalImage local = LocalImage.parse(localReference);
    return repositoryOf(local) + ":" + local.tag();
  }

  /** The immutable reference for a pod: {@code <registry>/faremark-<name>@sha256:<hex>}. */
  public String pinned(String localReference, String digest) {
    if (digest == null || !DIGEST.matcher(digest).matches()) {
      throw new IllegalArgumentException("not a sha256 digest: '" + digest + "'");
    }
    return repository(localReference) + "@" + digest;
  }

  private String repositoryOf(LocalImage local) {
    String repository = this + "/" + PREFIX + local.name();
    if (repository.length() > NAME_MAX) {
      throw new IllegalArgumentException(OPTION + " '" + this + "': " + repository + " is longer"
          + " than the " + NAME_MAX + " characters Docker allows for a repository's name; use a"
          + " shorter path");
    }
    return repository;
  }

  /**
   * One of faremark's local images, {@code faremark/<name>:<tag>}: the only kind this names in
   * a registry (base images come from the user's own registry or are built into these).
   */
  record LocalImage(String name, String tag) {
    static LocalImage parse(String reference) {
      String r = String.valueOf(reference);
      int colon = r.lastIndexOf(':');
      if (!r.startsWith("faremark/") || colon < 0 || r.indexOf('/', "faremark/".length()) >= 0) {
        throw new IllegalArgumentException("not one of faremark's local images"
            + " (faremark/<name>:<tag>): '" + r + "'");
      }
      String name = r.substring("faremark/".length(), colon);
      String tag = r.substring(colon + 1);
      if (!PATH_COMPONENT.matcher(name).matches() || !TAG.matcher(tag).matches()) {
        throw new IllegalArgumentException("not one of faremark's local images"
            + " (faremark/<name>:<tag>, lowercase name): '" + r + "'");
      }
      return new LocalImage(name, tag);
    }
  }
}
