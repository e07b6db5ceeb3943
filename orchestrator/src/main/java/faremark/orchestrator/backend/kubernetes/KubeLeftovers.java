package faremark.orchestrator.backend.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and removes what faremark left on a cluster: everything of one experiment (its own
 * clean-up, and Ctrl-C's backstop), or of every dead experiment (the next start, the watchdog).
 * An experiment is dead when its faremark process is gone: on this machine that is asked of the
 * OS (owner host and pid, as the docker backend does); for one started elsewhere, its heartbeat
 * stopped more than {@link #STALE} ago. Only objects with faremark's labels are ever listed.
 */
final class KubeLeftovers {
  /** The heartbeat's period; an experiment is dead after {@link #STALE} without one. */
  static final Duration BEAT = Duration.ofSeconds(60);
  static final Duration STALE = Duration.ofMinutes(10);

  private final KubernetesClient client;

  KubeLeftovers(KubernetesClient client) {
    this.client = client;
  }

  /** Dead experiments' namespaces and objects, wherever this user may list them. */
  List<String> removeOrphans(Instant now) {
    List<String> removed = new ArrayList<>();
    java.util.Set<String> gone = new java.util.HashSet<>();
    for (Namespace ns : listOrEmpty(() -> client.namespaces()
        .withLabel(KubeLabels.CREATED_NAMESPACE, "true").list().getItems())) {
      Map<String, String> labels = labels(ns);
      String experiment = labels.get(KubeLabels.EXPERIMENT);
      String name = ns.getMetadata().getName();
      Optional<ConfigMap> object = experiment == null ? Optional.empty()
          : Optional.ofNullable(client.configMaps().inNamespace(name).withName(experiment).get());
      // its experiment object's heartbeat; the namespace's age until the object exists
      Optional<Instant> beat = object.flatMap(KubeLeftovers::heartbeat).or(() -> created(ns));
      if (dead(labels, beat, now)) {
        removed.addAll(deleteNamespace(name));
        gone.add(name);
      }
    }
    List<ConfigMap> experiments = listOrEmpty(() -> client.configMaps().inAnyNamespace()
        .withLabel(KubeLabels.ROLE, KubeLabels.ROLE_EXPERIMENT).list().getItems());
    if (experiments.isEmpty()) {
      // a user limited to one namespace: its own
      experiments = listOrEmpty(() -> client.configMaps()
          .withLabel(KubeLabels.ROLE, KubeLabels.ROLE_EXPERIMENT).list().getItems());
    }
    for (ConfigMap o : experiments) {
      if (!gone.contains(o.getMetadata().getNamespace()) && dead(labels(o), heartbeat(o), now)) {
        removed.addAll(removeExperiment(o.getMetadata().getNamespace(),
            labels(o).get(KubeLabels.EXPERIMENT)));
      }
    }
    return removed;
  }

  /** Every object labelled with {@code experiment} in {@code namespace}, its object last. */
  List<String> removeExperiment(String namespace, String experiment) {
    List<String> removed = new ArrayList<>();
    if (experiment == null) {
      return removed;
    }
    removed.addAll(delete("job", client.batch().v1().jobs().inNamespace(namespace)
        .withLabel(KubeLabels.EXPERIMENT, experiment).list().getItems(),
        () -> client.batch().v1().jobs().inNamespace(namespace)
            .withLabel(KubeLabels.EXPERIMENT, experiment)
            .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete()));
    removed.addAll(delete("pod", client.pods().inNamespace(namespace)
        .withLabel(KubeLabels.EXPERIMENT, experiment).list().getItems(),
        () -> client.pods().inNamespace(namespace).withLabel(KubeLabels.EXPERIMENT, experiment)
            .withGracePeriod(0).delete()));
    removed.addAll(delete("service", client.services().inNamespace(namespace)
        .withLabel(KubeLabels.EXPERIMENT, experiment).list().getItems(),
        () -> client.services().inNamespace(namespace).withLabel(KubeLabels.EXPERIMENT, experiment)
            .delete()));
    removed.addAll(delete("configmap", client.configMaps().inNamespace(namespace)
        .withLabel(KubeLabels.EXPERIMENT, experiment).list().getItems(),
        () -> client.configMaps().inNamespace(namespace).withLabel(KubeLabels.EXPERIMENT, experiment)
            .delete()));
    return removed;
  }

  /** A namespace faremark created, with everything in it. */
  List<String> deleteNamespace(String name) {
    try {
      client.namespaces().withName(name).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
      return List.of("namespace " + name);
    } catch (KubernetesClientException e) {
      return List.of();
    }
  }

  /**
   * Dead: the owner ran on this machine and its pid is gone (asked of the OS, whatever the
   * heartbeat says), or it ran elsewhere and its heartbeat is older than {@link #STALE}. Without
   * a readable heartbeat a foreign experiment cannot be judged and is left alone; an object of
   * this very process is never dead.
   */
  static boolean dead(Map<String, String> labels, Optional<Instant> heartbeat, Instant now) {
    boolean here = KubeLabels.labelValue(KubeLabels.HostName.get())
        .equals(labels.get(KubeLabels.OWNER_HOST));
    if (here) {
      try {
        long p = Long.parseLong(labels.getOrDefault(KubeLabels.OWNER_PID, ""));
        return p != ProcessHandle.current().pid()
            && ProcessHandle.of(p).map(h -> !h.isAlive()).orElse(true);
      } catch (NumberFormatException e) {
        // judged by the heartbeat alone
      }
    }
    return heartbeat.map(h -> Duration.between(h, now).compareTo(STALE) > 0).orElse(false);
  }

  static Optional<Instant> heartbeat(ConfigMap experiment) {
    Map<String, String> annotations = experiment.getMetadata().getAnnotations();
    String beat = annotations == null ? null : annotations.get(KubeLabels.HEARTBEAT);
    try {
      return beat == null ? Optional.empty() : Optional.of(Instant.parse(beat));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<Instant> created(HasMetadata o) {
    try {
      String t = o.getMetadata().getCreationTimestamp();
      return t == null ? Optional.empty() : Optional.of(Instant.parse(t));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Map<String, String> labels(HasMetadata o) {
    Map<String, String> l = o.getMetadata().getLabels();
    return l == null ? Map.of() : l;
  }

  private static <T extends HasMetadata> List<String> delete(String kind, List<T> found,
      Runnable delete) {
    if (found.isEmpty()) {
      return List.of();
    }
    try {
      delete.run();
    } catch (KubernetesClientException e) {
      return List.of();
    }
    return found.stream().map(o -> kind + " " + o.getMetadata().getNamespace() + "/"
        + o.getMetadata().getName()).toList();
  }

  private static <T> List<T> listOrEmpty(java.util.function.Supplier<List<T>> list) {
    try {
      return list.get();
    } catch (KubernetesClientException e) {
      return List.of(); // not allowed to list there (RBAC): not ours to judge
    }
  }
}
