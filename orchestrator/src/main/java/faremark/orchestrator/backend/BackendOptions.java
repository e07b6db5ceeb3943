package faremark.orchestrator.backend;

import java.util.Optional;

/**
 * What the user said about where to run, beyond the backend's id: the Docker engines to spread
 * runs over ({@code --docker-hosts}, else {@code FAREMARK_DOCKER_HOSTS}) and whether a remote
 * engine may be reached in plain text. Never from a scenario: engines belong to the user.
 *
 * @param dockerHosts the option's raw value; empty: the variable's, else the discovered engine
 * @param allowInsecureEngine {@code --allow-insecure-engine}
 */
public record BackendOptions(Optional<String> dockerHosts, boolean allowInsecureEngine) {
  public static BackendOptions none() {
    return new BackendOptions(Optional.empty(), false);
  }
}
