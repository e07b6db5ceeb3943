package faremark.orchestrator.backend.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The API server's validation of the objects faremark creates, as far as they can get it wrong:
 * what {@code kubectl apply --dry-run=server} would refuse with a 422 before anything runs. The
 * objects are fabric8's model classes, so field names and types are the API's own; this checks
 * the values: names (RFC 1123), label keys and values, container names unique, every mount's
 * volume declared, a Job's pod {@code restartPolicy} Never or OnFailure, quantities that parse,
 * requests not above limits, ports in range, and that the object survives the API's JSON round
 * trip unchanged (nothing the model would drop on the wire).
 */
public final class ManifestCheck {
  private ManifestCheck() {}

  /**
   * {@code object}, checked before it is sent: a problem here is faremark's bug, said with the
   * field rather than as the API server's 422 in the middle of an experiment.
   */
  static <T extends HasMetadata> T valid(T object) {
    List<String> problems = problems(object);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("faremark built an invalid object: " + String.join("; ", problems));
    }
    return object;
  }

  /** What is wrong with {@code object}; empty when the API server would take it. */
  public static List<String> problems(HasMetadata object) {
    List<String> out = new ArrayList<>();
    String what = object.getKind() + " " + object.getMetadata().getName();
    String name = object.getMetadata().getName();
    if (!KubeLabels.isDnsLabel(name)) {
      out.add(what + ": metadata.name must be an RFC 1123 label (at most 63 of a-z, 0-9, '-')");
    }
    labels(what + ": metadata.labels", object.getMetadata().getLabels(), out);
    if (object instanceof io.fabric8.kubernetes.api.model.Pod pod) {
      podSpec(what + ": spec", pod.getSpec(), false, out);
    }
    if (object instanceof Job job) {
      if (name != null && name.length() > 63 - 11) {
        out.add(what + ": a Job's name may have at most 52 characters (its pods add a suffix)");
      }
      labels(what + ": spec.template.metadata.labels", job.getSpec().getTemplate().getMetadata()
          .getLabels(), out);
      podSpec(what + ": spec.template.spec", job.getSpec().getTemplate().getSpec(), true, out);
    }
    if (object.getMetadata().getOwnerReferences() != null) {
      object.getMetadata().getOwnerReferences().forEach(o -> {
        if (o.getUid() == null || o.getUid().isBlank() || o.getName() == null || o.getKind() == null) {
          out.add(what + ": an ownerReference needs apiVersion, kind, name and uid");
        }
      });
    }
    String json = Serialization.asJson(object);
    if (!Serialization.asJson(Serialization.unmarshal(json, object.getClass())).equals(json)) {
      out.add(what + ": does not survive the API's JSON round trip");
    }
    return out;
  }

  private static void podSpec(String where, PodSpec spec, boolean job, List<String> out) {
    if (job && !List.of("Never", "OnFailure").contains(spec.getRestartPolicy())) {
      out.add(where + ".restartPolicy: a Job's pods must be Never or OnFailure");
    }
    Set<String> volumes = new HashSet<>();
    for (Volume v : spec.getVolumes() == null ? List.<Volume>of() : spec.getVolumes()) {
      if (!KubeLabels.isDnsLabel(v.getName()) || !volumes.add(v.getName())) {
        out.add(where + ".volumes: '" + v.getName() + "' must be a unique RFC 1123 label");
      }
    }
    Set<String> names = new HashSet<>();
    List<Container> all = new ArrayList<>(spec.getContainers());
    if (spec.getInitContainers() != null) {
      all.addAll(spec.getInitContainers());
    }
    if (spec.getContainers().isEmpty()) {
      out.add(where + ".containers: at least one is required");
    }
    for (Container c : all) {
      String at = where + ".containers[" + c.getName() + "]";
      if (!KubeLabels.isDnsLabel(c.getName()) || !names.add(c.getName())) {
        out.add(at + ": name must be a unique RFC 1123 label");
      }
      if (c.getImage() == null || c.getImage().isBlank()) {
        out.add(at + ".image: required");
      }
      for (VolumeMount m : c.getVolumeMounts() == null ? List.<VolumeMount>of() : c.getVolumeMounts()) {
        if (!volumes.contains(m.getName())) {
          out.add(at + ".volumeMounts: '" + m.getName() + "' is not a volume of the pod");
        }
        if (m.getRecursiveReadOnly() != null && !Boolean.TRUE.equals(m.getReadOnly())) {
          out.add(at + ".volumeMounts[" + m.getName() + "]: recursiveReadOnly needs readOnly");
        }
      }
      if (c.getPorts() != null) {
        c.getPorts().forEach(p -> {
          if (p.getContainerPort() == null || p.getContainerPort() < 1 || p.getContainerPort() > 65535) {
            out.add(at + ".ports: containerPort must be 1-65535");
          }
        });
      }
      if (c.getResources() != null) {
        Map<String, Quantity> req = c.getResources().getRequests();
        Map<String, Quantity> lim = c.getResources().getLimits();
        for (String r : req == null ? Set.<String>of() : req.keySet()) {
          Quantity l = lim == null ? null : lim.get(r);
          try {
            if (l != null && Quantity.getAmountInBytes(req.get(r))
                .compareTo(Quantity.getAmountInBytes(l)) > 0) {
              out.add(at + ".resources: the " + r + " request exceeds its limit");
            }
          } catch (RuntimeException e) {
            out.add(at + ".resources: " + r + " is not a quantity");
          }
        }
      }
    }
  }

  private static void labels(String where, Map<String, String> labels, List<String> out) {
    if (labels == null) {
      return;
    }
    labels.forEach((k, v) -> {
      String name = k.contains("/") ? k.substring(k.indexOf('/') + 1) : k;
      if (!name.matches("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?")) {
        out.add(where + ": key '" + k + "' is not a label key");
      }
      if (!KubeLabels.isLabelValue(v)) {
        out.add(where + ": value '" + v + "' of " + k + " is not a label value");
      }
    });
  }
}
