package faremark.orchestrator.backend;

import java.util.Optional;

/**
 * What the user said about where to run, beyond the backend's id. Never from a scenario: engines
 * and clusters belong to the user, a scenario is shared.
 *
 * @param dockerHosts the Docker engines to spread runs over ({@code --docker-hosts}); empty: the
 *     variable's, else the discovered engine
 * @param allowInsecureEngine {@code --allow-insecure-engine}
 * @param imageRegistry {@code --image-registry}: where a cluster's nodes pull faremark's images
 * @param namespace {@code --namespace}: the cluster namespace to work in; empty: one made for
 *     the experiment
 * @param nodeSelector {@code --node-selector label=value[,...]}: the nodes runs may use
 */
public record BackendOptions(Optional<String> dockerHosts, boolean allowInsecureEngine,
    Optional<String> imageRegistry, Optional<String> namespace, Optional<String> nodeSelector) {

  /** Docker options only, as before there was a cluster backend. */
  public BackendOptions(Optional<String> dockerHosts, boolean allowInsecureEngine) {
    this(dockerHosts, allowInsecureEngine, Optional.empty(), Optional.empty(), Optional.empty());
  }

  public static BackendOptions none() {
    return new BackendOptions(Optional.empty(), false);
  }

  /** Whether any option is a cluster's: refused by the backends that run no cluster. */
  public Optional<String> clusterOption() {
    if (imageRegistry.isPresent()) {
      return Optional.of("--image-registry");
    }
    if (namespace.isPresent()) {
      return Optional.of("--namespace");
    }
    return nodeSelector.map(s -> "--node-selector");
  }
}
