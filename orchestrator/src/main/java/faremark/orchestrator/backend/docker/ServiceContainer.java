package faremark.orchestrator.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A long-lived container of the experiment (fare server, proxy): started, waited for until it
 * answers, and removed on close. On a bridge network its port is published on 127.0.0.1 only, at
 * a port the engine picks; on the host network it listens on 127.0.0.1 at a port given on its
 * command line.
 */
public final class ServiceContainer implements AutoCloseable {
  private final DockerClient docker;
  private final String id;
  private final String name;
  private final URI hostUri;

  private ServiceContainer(DockerClient docker, String id, String name, URI hostUri) {
    this.docker = docker;
    this.id = id;
    this.name = name;
    this.hostUri = hostUri;
  }

  /**
   * What to start.
   *
   * @param alias the name other containers reach it by on the bridge network
   * @param port the port it listens on inside its network namespace
   * @param cpuset CPUs it may use, e.g. "0"; empty = any
   */
  public record Spec(
      ImageRef image, String name, String alias, List<String> command, int port,
      Map<String, String> labels, Optional<String> cpuset, HttpReady ready) {}

  /** Starts {@code spec} on {@code network} and returns once it answers. */
  public static ServiceContainer start(DockerClient docker, ExperimentNetwork network, Spec spec)
      throws IOException {
    HostConfig host = HostConfig.newHostConfig()
        .withNetworkMode(network.mode())
        .withCapDrop(Capability.ALL)
        .withSecurityOpts(List.of("no-new-privileges"));
    spec.cpuset().ifPresent(host::withCpusetCpus);
    CreateContainerCmd create = docker.createContainerCmd(spec.image().reference())
        .withName(spec.name())
        .withCmd(spec.command())
        .withLabels(spec.labels());
    if (network.bridged()) {
      ExposedPort exposed = ExposedPort.tcp(spec.port());
      Ports ports = new Ports();
      ports.bind(exposed, Ports.Binding.bindIp("127.0.0.1")); // loopback only
      host.withPortBindings(ports);
      create.withExposedPorts(exposed).withAliases(spec.alias());
    }
    String id;
    try {
      id = create.withHostConfig(host).exec().getId();
    } catch (DockerException e) {
      throw new IOException("cannot create container " + spec.name() + " from "
          + spec.image().reference() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // Cut short on this side (Ctrl-C interrupts the call): the engine may make the container
      // all the same, after the experiment's label sweep. Remove it by the name it was given.
      removeEventually(docker, spec.name(), e);
      throw e;
    }
    ServiceContainer container = null;
    try {
      docker.startContainerCmd(id).exec();
      InspectContainerResponse inspect = docker.inspectContainerCmd(id).exec();
      int hostPort = network.bridged() ? publishedPort(inspect, spec.port()) : spec.port();
      container = new ServiceContainer(docker, id, spec.name(), URI.create("http://127.0.0.1:" + hostPort));
      ServiceContainer c = container;
      spec.ready().await(container.hostUri, c::exitedBecause, c::logTail);
      return container;
    } catch (IOException | RuntimeException e) {
      uninterrupted(() -> ContainerRemoval.force(docker, id), e);
      throw e instanceof IOException io ? io
          : new IOException("starting " + spec.name() + " failed: " + e.getMessage(), e);
    }
  }

  private static int publishedPort(InspectContainerResponse inspect, int port) throws IOException {
    Ports.Binding[] bindings =
        inspect.getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(port));
    if (bindings == null || bindings.length == 0) {
      throw new IOException("the engine published no host port for " + inspect.getName() + ":" + port);
    }
    return Integer.parseInt(bindings[0].getHostPortSpec());
  }

  /** Where this process reaches the service. */
  public URI hostUri() {
    return hostUri;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  String exitedBecause() {
    try {
      InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(id).exec().getState();
      return Boolean.TRUE.equals(state.getRunning()) ? null : "exited with " + state.getExitCodeLong();
    } catch (NotFoundException e) {
      return "is gone";
    }
  }

  String logTail() {
    return ContainerLogs.tail(docker, id, 40);
  }

  @Override
  public void close() {
    ContainerRemoval.force(docker, id);
  }

  /**
   * Removes container {@code name} once the engine has it, waiting up to {@link
   * #CREATE_SETTLES} for a create that was still on its way; a failure is added to {@code cause}.
   */
  static void removeEventually(DockerClient docker, String name, RuntimeException cause) {
    uninterrupted(() -> {
      long deadline = System.nanoTime() + CREATE_SETTLES.toNanos();
      while (true) {
        if (ContainerRemoval.force(docker, name) != ContainerRemoval.Outcome.GONE
            || System.nanoTime() > deadline) {
          return; // removed, or the create never reached the engine
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }, cause);
  }

  /**
   * How long an interrupted create may still take to land on the engine: a create is one
   * request the engine finishes in milliseconds, or in a second or two on a loaded machine.
   */
  private static final Duration CREATE_SETTLES = Duration.ofSeconds(3);

  /**
   * Runs a clean-up with the thread's interrupt flag cleared, then restores it: docker-java's
   * calls fail at once on an interrupted thread, and an interrupt (Ctrl-C) is exactly when the
   * clean-up must still reach the engine. A failure of the clean-up is added to {@code cause}.
   */
  private static void uninterrupted(Runnable cleanUp, Exception cause) {
    boolean interrupted = Thread.interrupted();
    try {
      cleanUp.run();
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
