package faremark.orchestrator.backend.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The experiment's lasting objects, as fabric8's model classes (the API's own schema, no YAML
 * by hand): the namespace where faremark makes one, the experiment object everything else is
 * owned by, and the fare server and the proxy, each a pod behind a service of the same name. The
 * proxy forwards to the fare server's service; workloads reach the proxy's service by its name.
 */
final class StageManifests {
  static final int SERVER_PORT = 8080;
  static final int PROXY_API_PORT = 8474;
  /** The port the proxy listens on for workloads: fixed, since a service must name it. */
  static final int PROXY_PORT = 8666;
  /** The stage's JVMs: enough heap for 10,000 connections' buffers, one core each. */
  static final Quantity STAGE_MEMORY = new Quantity("1Gi");
  static final Quantity STAGE_CPU = new Quantity("1");

  private StageManifests() {}

  /** A namespace of the experiment's own, which it deletes with everything in it. */
  static Namespace namespace(String name, String experiment) {
    Map<String, String> labels = KubeLabels.of(experiment, KubeLabels.ROLE_EXPERIMENT);
    labels.put(KubeLabels.CREATED_NAMESPACE, "true");
    return new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
        .build();
  }

  /**
   * The experiment object: a ConfigMap that owns everything else and carries the heartbeat by
   * which the next start tells a dead experiment's objects from a live one's on another machine.
   */
  static ConfigMap experiment(String namespace, String experiment, String scenario, Instant now) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(experiment)
        .withNamespace(namespace)
        .withLabels(KubeLabels.of(experiment, KubeLabels.ROLE_EXPERIMENT))
        .withAnnotations(Map.of(KubeLabels.HEARTBEAT, now.toString()))
        .endMetadata()
        .withData(Map.of("scenario", scenario, "started", now.toString()))
        .build();
  }

  static String serverName(String experiment) {
    return experiment + "-fare-server";
  }

  static String proxyName(String experiment) {
    return experiment + "-proxy";
  }

  /** The fare server's pod, listening on all of its pod's addresses (its service's target). */
  static Pod fareServer(String namespace, String experiment, String image, List<String> args,
      OwnerReference owner) {
    return stagePod(namespace, experiment, serverName(experiment), KubeLabels.ROLE_FARE_SERVER,
        new ContainerBuilder().withName("fare-server").withImage(image).withArgs(args)
            .addNewPort().withName("http").withContainerPort(SERVER_PORT).endPort()
            .withNewReadinessProbe().withNewHttpGet().withPath("/health")
            .withPort(new IntOrString(SERVER_PORT)).endHttpGet().withPeriodSeconds(1).endReadinessProbe()
            .build(),
        owner);
  }

  /** The proxy's pod: the shaper image, its API and its proxy port. */
  static Pod proxy(String namespace, String experiment, String image, long seed, OwnerReference owner) {
    return stagePod(namespace, experiment, proxyName(experiment), KubeLabels.ROLE_PROXY,
        new ContainerBuilder().withName("proxy").withImage(image)
            // -seed: the toxics' random draws as the embedded shaper's and the docker backend's
            .withArgs("-host", "0.0.0.0", "-port", Integer.toString(PROXY_API_PORT), "-seed",
                Long.toString(seed))
            .addNewPort().withName("api").withContainerPort(PROXY_API_PORT).endPort()
            .addNewPort().withName("proxy").withContainerPort(PROXY_PORT).endPort()
            .withNewReadinessProbe().withNewHttpGet().withPath("/version")
            .withPort(new IntOrString(PROXY_API_PORT)).endHttpGet().withPeriodSeconds(1).endReadinessProbe()
            .build(),
        owner);
  }

  private static Pod stagePod(String namespace, String experiment, String name, String role,
      Container container, OwnerReference owner) {
    Container secured = new ContainerBuilder(container)
        .withImagePullPolicy("IfNotPresent")
        .withResources(PodParts.guaranteed(STAGE_MEMORY, STAGE_CPU))
        .withSecurityContext(PodParts.containerSecurity())
        // a JVM writes its perf data and temporary files here; the root is read-only
        .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
        .build();
    return new PodBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace)
        .withLabels(KubeLabels.of(experiment, role)).withOwnerReferences(owner).endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withSecurityContext(PodParts.podSecurity())
        .withContainers(secured)
        .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
        .endSpec()
        .build();
  }

  /** A service selecting the pod of {@code role}, with the pod's name. */
  static Service service(String namespace, String experiment, String role, String name,
      OwnerReference owner, Map<String, Integer> ports) {
    List<ServicePort> servicePorts = ports.entrySet().stream()
        .map(p -> new ServicePortBuilder().withName(p.getKey()).withPort(p.getValue())
            .withTargetPort(new IntOrString(p.getValue())).withProtocol("TCP").build())
        .toList();
    return new ServiceBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace)
        .withLabels(KubeLabels.of(experiment, role)).withOwnerReferences(owner).endMetadata()
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(Map.of(KubeLabels.EXPERIMENT, experiment, KubeLabels.ROLE, role))
        .withPorts(servicePorts)
        .endSpec()
        .build();
  }
}
