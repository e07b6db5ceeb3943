package faremark.orchestrator.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.dockerclient.TransportConfig;
import org.testcontainers.shaded.com.github.dockerjava.core.LocalDirectorySSLConfig;

/**
 * A Docker engine that answered, found the way Testcontainers finds one (DOCKER_HOST,
 * ~/.testcontainers.properties, the usual sockets, Docker Desktop, rootless), with the facts the
 * backend needs: API version, cgroup version and driver, CPUs.
 *
 * <p>Only Testcontainers' discovery is used, not {@code DockerClientFactory.client()}: that one
 * also works out the engine's host address by starting a container from a public image, which
 * cannot be pulled on an air-gapped machine and which faremark does not need (it publishes ports
 * on 127.0.0.1 only).
 */
public final class DockerEngine implements AutoCloseable {
  private final DockerClient client;
  private final String description;
  private final String host;
  private final Version version;
  private final Info info;

  private DockerEngine(DockerClient client, String description, String host, Version version,
      Info info) {
    this.client = client;
    this.description = description;
    this.host = host;
    this.version = version;
    this.info = info;
  }

  /** What {@link #connect()} found: an engine, or why there is none. */
  public sealed interface Probe permits Found, Missing {}

  public record Found(DockerEngine engine) implements Probe {}

  public record Missing(String reason) implements Probe {}

  /** Finds and pings an engine; never throws. */
  public static Probe connect() {
    List<DockerClientProviderStrategy> strategies = new ArrayList<>();
    ServiceLoader.load(DockerClientProviderStrategy.class).forEach(strategies::add);
    DockerClientProviderStrategy strategy;
    try {
      strategy = DockerClientProviderStrategy.getFirstValidStrategy(strategies);
    } catch (RuntimeException e) {
      // Testcontainers' own account (each strategy and why it failed) is in the library log.
      return new Missing("no Docker engine answered (none of Testcontainers' discovery strategies"
          + " found one: DOCKER_HOST, ~/.testcontainers.properties, /var/run/docker.sock, Docker"
          + " Desktop, rootless)");
    }
    DockerClient client = strategy.getDockerClient();
    try {
      Version version = client.versionCmd().exec();
      Info info = client.infoCmd().exec();
      return new Found(new DockerEngine(client, strategy.getDescription(), host(strategy), version, info));
    } catch (RuntimeException e) {
      closeQuietly(client);
      return new Missing("the Docker engine at " + strategy.getDescription() + " did not answer ("
          + firstLine(e) + ")");
    }
  }

  /**
   * Connects to the engine at {@code address} (no discovery: the user named it) and pings it;
   * never throws. A TLS address uses the certificates of its folder, as Testcontainers does for
   * DOCKER_TLS_VERIFY (the same docker-java SSL configuration, shaded in Testcontainers' jar).
   */
  public static Probe connect(EngineAddress address) {
    DockerClient client;
    try {
      TransportConfig.TransportConfigBuilder config = TransportConfig.builder().dockerHost(address.uri());
      address.certPath().ifPresent(dir -> config.sslConfig(new LocalDirectorySSLConfig(dir.toString())));
      client = DockerClientProviderStrategy.getClientForConfig(config.build());
    } catch (RuntimeException e) {
      return new Missing("cannot make a client for the Docker engine at " + address + " ("
          + firstLine(e) + ")");
    }
    String description = address + (address.tls() ? " (TLS, certificates in " + address.certPath().get() + ")" : "");
    try {
      Version version = client.versionCmd().exec();
      Info info = client.infoCmd().exec();
      return new Found(new DockerEngine(client, description, address.toString(), version, info));
    } catch (RuntimeException e) {
      closeQuietly(client);
      return new Missing("the Docker engine at " + address + " did not answer (" + firstLine(e) + ")");
    }
  }

  public DockerClient client() {
    return client;
  }

  /** Its address, e.g. "unix:///var/run/docker.sock": what a one-line error names it by. */
  public String host() {
    return host;
  }

  private static String host(DockerClientProviderStrategy strategy) {
    try {
      return strategy.getTransportConfig().getDockerHost().toString();
    } catch (RuntimeException e) { // InvalidConfigurationException among them
      return strategy.getDescription(); // it answered, so this cannot fail; the long form then
    }
  }

  /**
   * Whether the engine at {@code host} accepts a new connection now. Not a ping through the
   * client: that reuses pooled connections, which a stopping dockerd still serves while it stops
   * its containers; the first thing it does on SIGTERM is close its listening socket, so a fresh
   * connection tells at once. True when the address is of a kind this cannot check.
   */
  public static boolean acceptsConnections(String host) {
    URI uri;
    try {
      uri = URI.create(host);
    } catch (IllegalArgumentException e) {
      return true;
    }
    if ("unix".equals(uri.getScheme()) && uri.getPath() != null) {
      try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(uri.getPath()))) {
        return true;
      } catch (IOException | RuntimeException e) {
        return false; // refused, or the socket file is gone: dockerd removes it as it stops
      }
    }
    if ("tcp".equals(uri.getScheme()) && uri.getHost() != null && uri.getPort() > 0) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
        return true;
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  /** e.g. "local Unix socket (unix:///var/run/docker.sock)". */
  public String description() {
    return description;
  }

  public String serverVersion() {
    return version.getVersion();
  }

  public String apiVersion() {
    return version.getApiVersion();
  }

  /** "1" or "2"; empty when the engine does not say (old engines, some remote ones). */
  public Optional<String> cgroupVersion() {
    return Optional.ofNullable(info.getCGroupVersion());
  }

  /** "cgroupfs" or "systemd". */
  public Optional<String> cgroupDriver() {
    return Optional.ofNullable(info.getCGroupDriver());
  }

  /** CPUs the engine's containers can use. */
  public int cpus() {
    Integer n = info.getNCPU();
    return n == null ? Runtime.getRuntime().availableProcessors() : n;
  }

  /** The engine's OS: "Docker Desktop" runs in a VM whose cgroups this process cannot read. */
  public String operatingSystem() {
    return Optional.ofNullable(info.getOperatingSystem()).orElse("unknown");
  }

  /** The engine's own name (its host name) and id: two engines on one host differ by id. */
  public String name() {
    return Optional.ofNullable(info.getName()).orElse("unknown");
  }

  public String engineId() {
    return Optional.ofNullable(info.getId()).orElse("unknown");
  }

  /** The kernel the engine's containers run on. */
  public String kernel() {
    return Optional.ofNullable(info.getKernelVersion()).orElse("unknown");
  }

  public String architecture() {
    return Optional.ofNullable(info.getArchitecture()).orElse("unknown");
  }

  /** For the console: "Docker 20.10.24 (API 1.41, cgroup v1 cgroupfs) at …". */
  public String describe() {
    return "Docker " + serverVersion() + " (API " + apiVersion() + ", cgroup v"
        + cgroupVersion().orElse("?") + " " + cgroupDriver().orElse("?") + ") at " + description;
  }

  @Override
  public void close() {
    closeQuietly(client);
  }

  private static void closeQuietly(DockerClient client) {
    try {
      client.close();
    } catch (IOException | RuntimeException e) {
      // nothing left to release that matters: the client holds only idle connections
    }
  }

  private static String firstLine(Throwable e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
