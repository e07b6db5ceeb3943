package faremark.orchestrator.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.util.Map;

/**
 * How the experiment's containers reach each other: a bridge network of its own (containers by
 * name: {@code fare-server}, {@code toxiproxy}), removed on close; or the host's network stack
 * (everything on 127.0.0.1), for machines where bridge traffic is not allowed.
 */
public final class ExperimentNetwork implements AutoCloseable {
  private final DockerClient docker;
  private final String mode;
  private final String networkId;

  private ExperimentNetwork(DockerClient docker, String mode, String networkId) {
    this.docker = docker;
    this.mode = mode;
    this.networkId = networkId;
  }

  public static ExperimentNetwork host() {
    return new ExperimentNetwork(null, "host", null);
  }

  public static ExperimentNetwork bridge(DockerClient docker, String name, Map<String, String> labels)
      throws IOException {
    try {
      String id = docker.createNetworkCmd().withName(name).withDriver("bridge")
          .withCheckDuplicate(true).withLabels(labels).exec().getId();
      return new ExperimentNetwork(docker, name, id);
    } catch (DockerException e) {
      throw new IOException("cannot create the Docker network " + name + ": " + e.getMessage(), e);
    }
  }

  /** What containers get as their network mode: the network's name, or "host". */
  public String mode() {
    return mode;
  }

  public boolean bridged() {
    return networkId != null;
  }

  @Override
  public void close() {
    if (networkId != null) {
      try {
        docker.removeNetworkCmd(networkId).exec();
      } catch (NotFoundException e) {
        // already gone
      }
    }
  }
}
