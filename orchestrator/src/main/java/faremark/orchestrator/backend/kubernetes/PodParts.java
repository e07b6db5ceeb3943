package faremark.orchestrator.backend.kubernetes;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.CapabilitiesBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.Map;

/**
 * What every pod faremark creates has in common: no root, no privilege, nothing writable but
 * its volumes, no service-account token, and requests equal to limits (a Guaranteed pod: the
 * kubelet neither overcommits it nor evicts it first, and its memory limit is the one the
 * scenario asked for). The images run as nobody (65534), as on the docker backend.
 */
final class PodParts {
  static final long NOBODY = 65534;

  private PodParts() {}

  /** The pod's: non-root as nobody, the runtime's default seccomp profile. */
  static PodSecurityContext podSecurity() {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(NOBODY)
        .withRunAsGroup(NOBODY)
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .build();
  }

  /** Each container's: no privilege, no escalation, every capability dropped, read-only root. */
  static SecurityContext containerSecurity() {
    Capabilities none = new CapabilitiesBuilder().withDrop("ALL").build();
    return new SecurityContextBuilder()
        .withPrivileged(false)
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withRunAsNonRoot(true)
        .withCapabilities(none)
        .build();
  }

  /** Requests = limits for memory and CPU, as a Guaranteed pod needs. */
  static ResourceRequirements guaranteed(Quantity memory, Quantity cpu) {
    Map<String, Quantity> both = Map.of("memory", memory, "cpu", cpu);
    return new ResourceRequirementsBuilder().withRequests(both).withLimits(both).build();
  }

  /**
   * A reference to the experiment's object: everything of the experiment is its dependent, so
   * the cluster's garbage collector removes whatever faremark could not (its process killed),
   * once the experiment object goes.
   */
  static OwnerReference ownedBy(ConfigMap experiment) {
    return new OwnerReferenceBuilder()
        .withApiVersion("v1")
        .withKind("ConfigMap")
        .withName(experiment.getMetadata().getName())
        .withUid(experiment.getMetadata().getUid())
        .withController(false)
        .withBlockOwnerDeletion(false)
        .build();
  }
}
