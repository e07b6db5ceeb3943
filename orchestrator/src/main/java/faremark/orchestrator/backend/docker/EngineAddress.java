package faremark.orchestrator.backend.docker;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One Docker engine the user named ({@code --docker-hosts}, {@code FAREMARK_DOCKER_HOSTS}): its
 * address and, for {@code tcp://}, how to reach it safely. TLS is taken as the Docker CLI takes
 * it: {@code DOCKER_TLS_VERIFY} set (to anything but empty or 0) turns it on, with the client
 * certificate, key and CA from {@code DOCKER_CERT_PATH} (default {@code ~/.docker}). A folder
 * named after the engine below it ({@code <host>:<port>} or {@code <host>}) holding its own
 * {@code ca.pem}, {@code cert.pem} and {@code key.pem} wins, so engines with different CAs can be
 * used together.
 *
 * @param uri {@code unix:///path} or {@code tcp://host:port}
 * @param certPath the folder of ca.pem, cert.pem and key.pem; empty for a plain connection
 */
public record EngineAddress(URI uri, Optional<Path> certPath) {
  public static final String TLS_VERIFY = "DOCKER_TLS_VERIFY";
  public static final String CERT_PATH = "DOCKER_CERT_PATH";
  private static final List<String> TLS_FILES = List.of("ca.pem", "cert.pem", "key.pem");

  /** What the user wrote cannot be used; the message names where it came from. */
  public static final class BadAddress extends Exception {
    BadAddress(String message) {
      super(message);
    }
  }

  /**
   * Reads one address.
   *
   * @param where what it came from, for the message ({@code --docker-hosts})
   * @param env the environment (TLS variables, HOME)
   * @param allowInsecure the user asked for plain text to a remote engine
   */
  public static EngineAddress parse(String text, String where, Map<String, String> env,
      boolean allowInsecure) throws BadAddress {
    String t = text.strip();
    URI uri;
    try {
      uri = new URI(t);
    } catch (URISyntaxException e) {
      throw new BadAddress(where + ": expected unix:///path/to/docker.sock or tcp://host:port, got '"
          + text + "'");
    }
    String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
    return switch (scheme) {
      case "unix" -> {
        if (uri.getPath() == null || !uri.getPath().startsWith("/") || uri.getHost() != null) {
          throw new BadAddress(where + ": expected unix:///absolute/path/to/docker.sock, got '" + text + "'");
        }
        yield new EngineAddress(URI.create("unix://" + uri.getPath()), Optional.empty());
      }
      case "tcp" -> tcp(uri, text, where, env, allowInsecure);
      default -> throw new BadAddress(where + ": expected unix:///path/to/docker.sock or"
          + " tcp://host:port, got '" + text + "'" + (scheme.equals("ssh")
          ? " (ssh:// engines are not supported: forward the engine's socket, or use tcp:// with TLS)"
          : ""));
    };
  }

  private static EngineAddress tcp(URI uri, String text, String where, Map<String, String> env,
      boolean allowInsecure) throws BadAddress {
    if (uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty()
        && !uri.getPath().equals("/"))) {
      throw new BadAddress(where + ": expected tcp://host:port, got '" + text + "'");
    }
    boolean tls = Optional.ofNullable(env.get(TLS_VERIFY)).map(String::strip)
        .filter(v -> !v.isEmpty() && !v.equals("0")).isPresent();
    // The Docker CLI's default ports: 2376 with TLS, 2375 without.
    int port = uri.getPort() > 0 ? uri.getPort() : tls ? 2376 : 2375;
    URI normal = URI.create("tcp://" + uri.getHost() + ":" + port);
    if (!tls) {
      if (!loopback(uri.getHost()) && !allowInsecure) {
        throw new BadAddress(where + ": " + normal + " is a remote engine over plain text: anyone on"
            + " the way could run containers on it and read what is sent. Set " + TLS_VERIFY
            + "=1 and " + CERT_PATH + " (ca.pem, cert.pem, key.pem) to use TLS, or pass"
            + " --allow-insecure-engine if the network is yours");
      }
      return new EngineAddress(normal, Optional.empty());
    }
    Path base = Optional.ofNullable(env.get(CERT_PATH)).map(String::strip).filter(v -> !v.isEmpty())
        .map(Path::of)
        .orElseGet(() -> Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".docker"));
    for (Path candidate : List.of(base.resolve(uri.getHost() + ":" + port), base.resolve(uri.getHost()), base)) {
      if (TLS_FILES.stream().allMatch(f -> Files.isReadable(candidate.resolve(f)))) {
        return new EngineAddress(normal, Optional.of(candidate));
      }
    }
    throw new BadAddress(where + ": " + normal + " needs TLS (" + TLS_VERIFY + " is set) but no"
        + " folder has ca.pem, cert.pem and key.pem: looked in " + base.resolve(uri.getHost() + ":" + port)
        + ", " + base.resolve(uri.getHost()) + " and " + base + " (" + CERT_PATH + ")");
  }

  /** 127.0.0.0/8, ::1 or localhost: traffic that never leaves this machine. */
  static boolean loopback(String host) {
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    return h.equalsIgnoreCase("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
        || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  public boolean tls() {
    return certPath.isPresent();
  }

  /** As DOCKER_HOST takes it; what messages and records name the engine by. */
  @Override
  public String toString() {
    return uri.toString();
  }
}
