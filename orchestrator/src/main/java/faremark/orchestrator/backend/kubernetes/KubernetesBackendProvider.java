package faremark.orchestrator.backend.kubernetes;

import faremark.orchestrator.backend.Backend;
import faremark.orchestrator.backend.BackendOptions;
import faremark.orchestrator.backend.BackendProvider;
import faremark.orchestrator.scenario.Scenario;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code --backend kubernetes}: the cluster of the user's kubeconfig ({@code KUBECONFIG}, else
 * {@code ~/.kube/config}, its current context) or, inside a pod, the cluster it runs in. Never
 * picked by {@code auto}: a cluster is shared and costs, so using it is asked for by name.
 */
public final class KubernetesBackendProvider implements BackendProvider {

  @Override
  public String id() {
    return KubernetesBackend.ID;
  }

  @Override
  public boolean automatic() {
    return false;
  }

  @Override
  public Backend open(Scenario scenario, Path projectDir, PrintStream out) throws Unavailable {
    return open(scenario, projectDir, out, BackendOptions.none());
  }

  @Override
  public Backend open(Scenario scenario, Path projectDir, PrintStream out, BackendOptions options)
      throws Unavailable {
    if (options.dockerHosts().isPresent()) {
      throw new Unavailable("--docker-hosts names Docker engines; the kubernetes backend runs on"
          + " the cluster of the kubeconfig (its images are built by the local Docker engine)");
    }
    List<String> external = scenario.models().stream().filter(scenario::isExternal).toList();
    if (!external.isEmpty()) {
      throw new Unavailable("model(s) " + external + " are external commands, which run only on"
          + " the local backend");
    }
    KubernetesSettings settings;
    try {
      settings = KubernetesSettings.of(options.namespace(), options.imageRegistry(),
          options.nodeSelector(), System.getenv());
    } catch (KubernetesSettings.BadSetting e) {
      throw new Unavailable(e.getMessage());
    }
    KubernetesClient client = connect(out);
    try {
      KubeImages images = ClusterImages.build(scenario, projectDir, settings, out);
      return KubernetesBackend.open(client, settings, images, scenario, out,
          ServiceAccess.PortForwards::new, true);
    } catch (IOException | RuntimeException e) {
      client.close();
      throw new Unavailable(e.getMessage());
    }
  }

  /** The kubeconfig's cluster, answering; else why not and what to do. */
  static KubernetesClient connect(PrintStream out) throws Unavailable {
    if (!configured(System.getenv())) {
      // fabric8 would otherwise try the in-cluster address, a name lookup that leaves the machine
      throw new Unavailable("no Kubernetes cluster is configured: no kubeconfig (KUBECONFIG, else"
          + " ~/.kube/config) and not inside a pod; see docs/kubernetes.md");
    }
    // Asked once without retries: a cluster that is not there is said at once, not after
    // fabric8's back-off (25 s against a refused port); the experiment's client keeps them.
    Config quick = Config.autoConfigure(null);
    quick.setRequestRetryBackoffLimit(0);
    quick.setConnectionTimeout(5_000);
    quick.setRequestTimeout(10_000);
    String version;
    try (KubernetesClient check = new KubernetesClientBuilder().withConfig(quick).build()) {
      version = check.getKubernetesVersion().getGitVersion();
    } catch (KubernetesClientException e) {
      throw new Unavailable("no Kubernetes cluster answers at " + quick.getMasterUrl() + " ("
          + rootCause(e) + "); faremark uses the kubeconfig's current context (KUBECONFIG, else"
          + " ~/.kube/config) or the cluster it runs in");
    }
    KubernetesClient client = new KubernetesClientBuilder().build();
    out.println("kubernetes: " + client.getMasterUrl() + " (" + version + "), context "
        + currentContext(client.getConfiguration()));
    return client;
  }

  /** The innermost message: fabric8's own is often only "An error has occurred." */
  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + t;
  }

  private static String currentContext(Config config) {
    return config.getCurrentContext() == null ? "(in-cluster or default)"
        : config.getCurrentContext().getName();
  }

  /**
   * Dead experiments' objects on the kubeconfig's cluster, where there is one configured; a
   * machine without any says nothing rather than probing for a cluster.
   */
  @Override
  public List<String> removeLeftovers() {
    if (!configured(System.getenv())) {
      return List.of();
    }
    try (KubernetesClient client = new KubernetesClientBuilder().build()) {
      return new KubeLeftovers(client).removeOrphans(Instant.now());
    } catch (KubernetesClientException e) {
      return List.of();
    }
  }

  static boolean configured(Map<String, String> env) {
    return env.containsKey("KUBECONFIG") || env.containsKey("KUBERNETES_SERVICE_HOST")
        || Files.exists(Path.of(System.getProperty("user.home"), ".kube", "config"));
  }
}
