package faremark.orchestrator.backend.kubernetes;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run's objects: its spec in a ConfigMap, and a Job of one pod that runs the workload once
 * ({@code backoffLimit: 0}, {@code restartPolicy: Never}: a failed run is a result, never
 * retried behind our back), with the scenario's memory limit as a Guaranteed pod's, and the probe
 * as a native sidecar that samples the workload's cgroup from the node's cgroup tree.
 */
final class RunManifests {
  static final String WORKLOAD = "workload";
  static final String PROBE = "probe";
  /** Where the spec is in the workload container, as on the docker backend. */
  static final String SPEC_DIR = "/run/faremark";
  static final String SPEC_FILE = "spec.json";
  /** Where the node's cgroup tree is mounted in the probe (its default {@code --root}). */
  static final String CGROUP_ROOT = "/host/cgroup";
  static final String PROBE_READY = "/run/probe/ready";
  /**
   * The probe's JVM: a 16 MiB heap and one sampler; 10 ms reads cost about 5 % of a core once
   * warm, but its start (JVM, class loading, C1) needs more: under 250m the first sample came
   * 110-240 ms after the workload's cgroup appeared (ProbeSidecarIT on a real cgroup tree).
   */
  static final Quantity PROBE_MEMORY = new Quantity("128Mi");
  static final Quantity PROBE_CPU = new Quantity("500m");

  private RunManifests() {}

  /**
   * What a run needs beyond its name.
   *
   * @param command the whole command line (the workload images have no entry point)
   * @param memory the run's memory: the scenario's limit, or the backend's default
   * @param probeImage the probe sidecar's image; empty: no sidecar
   * @param deadline the Job's {@code activeDeadlineSeconds}: a backstop should faremark die
   */
  record Run(String job, String runName, String image, List<String> command, Quantity memory,
      Quantity cpu, Optional<String> probeImage, Duration interval, Duration probeWait,
      Duration deadline) {}

  static ConfigMap spec(String namespace, String experiment, Run run, String specJson,
      OwnerReference owner) {
    return new ConfigMapBuilder()
        .withNewMetadata().withName(run.job()).withNamespace(namespace)
        .withLabels(KubeLabels.ofRun(experiment, run.job())).withOwnerReferences(owner)
        .endMetadata()
        .withData(Map.of(SPEC_FILE, specJson))
        .build();
  }

  static Job job(String namespace, String experiment, Run run, KubernetesSettings settings,
      OwnerReference owner) {
    Map<String, String> labels = KubeLabels.ofRun(experiment, run.job());
    List<Volume> volumes = new ArrayList<>(List.of(
        new VolumeBuilder().withName("spec").withNewConfigMap().withName(run.job()).endConfigMap().build(),
        new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build()));
    List<Container> sidecars = new ArrayList<>();
    if (run.probeImage().isPresent()) {
      volumes.add(new VolumeBuilder().withName("cgroup")
          .withNewHostPath().withPath("/sys/fs/cgroup").withType("Directory").endHostPath().build());
      volumes.add(new VolumeBuilder().withName("probe-run").withNewEmptyDir().endEmptyDir().build());
      sidecars.add(probe(run));
    }
    Container workload = new ContainerBuilder()
        .withName(WORKLOAD)
        .withImage(run.image())
        .withImagePullPolicy("IfNotPresent")
        .withCommand(run.command())
        .withResources(PodParts.guaranteed(run.memory(), run.cpu()))
        .withSecurityContext(PodParts.containerSecurity())
        .addNewVolumeMount().withName("spec").withMountPath(SPEC_DIR).withReadOnly(true).endVolumeMount()
        .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
        .build();
    return new JobBuilder()
        .withNewMetadata().withName(run.job()).withNamespace(namespace).withLabels(labels)
        .withOwnerReferences(owner).endMetadata()
        .withNewSpec()
        .withBackoffLimit(0)
        .withActiveDeadlineSeconds(Math.max(1, run.deadline().toSeconds()))
        // a backstop only: faremark deletes the Job as soon as it has read the run
        .withTtlSecondsAfterFinished(3600)
        .withNewTemplate()
        .withNewMetadata().withLabels(labels).endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withSecurityContext(PodParts.podSecurity())
        .withNodeSelector(settings.nodeSelector().isEmpty() ? null : settings.nodeSelector())
        .withAffinity(settings.onePerNode() ? onePerNode() : null)
        .withInitContainers(sidecars)
        .withContainers(workload)
        .withVolumes(volumes)
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /**
   * The probe as a native sidecar (an init container that keeps running, Kubernetes 1.29+): it
   * starts before the workload, takes stock of the pod's cgroups, and only then passes its
   * startup probe, so the kubelet starts the workload after it; the first cgroup that appears in
   * the pod after that is the workload's. It needs no API access: the pod's UID comes from the
   * downward API, the cgroup tree from a read-only hostPath.
   */
  private static Container probe(Run run) {
    return new ContainerBuilder()
        .withName(PROBE)
        .withImage(run.probeImage().orElseThrow())
        .withImagePullPolicy("IfNotPresent")
        .withRestartPolicy("Always")
        .withArgs("--pod-uid", "$(FAREMARK_POD_UID)",
            "--interval-ns", Long.toString(run.interval().toNanos()),
            "--root", CGROUP_ROOT,
            "--ready-file", PROBE_READY,
            "--wait-ms", Long.toString(run.probeWait().toMillis()),
            "--max-ms", Long.toString(run.deadline().toMillis()))
        .addNewEnv().withName("FAREMARK_POD_UID").withNewValueFrom().withNewFieldRef()
        .withFieldPath("metadata.uid").endFieldRef().endValueFrom().endEnv()
        .withNewStartupProbe().withNewExec().withCommand("cat", PROBE_READY).endExec()
        .withPeriodSeconds(1).withFailureThreshold(
            (int) Math.max(10, run.probeWait().toSeconds())).endStartupProbe()
        .withResources(PodParts.guaranteed(PROBE_MEMORY, PROBE_CPU))
        .withSecurityContext(PodParts.containerSecurity())
        .addNewVolumeMount().withName("cgroup").withMountPath(CGROUP_ROOT).withReadOnly(true)
        // sub-mounts (cgroup v1's hierarchies) read-only too where the runtime can
        .withRecursiveReadOnly("IfPossible").endVolumeMount()
        .addNewVolumeMount().withName("probe-run").withMountPath("/run/probe").endVolumeMount()
        .build();
  }

  /** No two faremark runs on one node at once, whichever experiment they belong to. */
  private static Affinity onePerNode() {
    return new AffinityBuilder().withNewPodAntiAffinity()
        .addNewRequiredDuringSchedulingIgnoredDuringExecution()
        .withTopologyKey("kubernetes.io/hostname")
        .withNewLabelSelector().addToMatchLabels(KubeLabels.ROLE, KubeLabels.ROLE_RUN)
        .addToMatchLabels(KubeLabels.MANAGED_BY, "faremark").endLabelSelector()
        .endRequiredDuringSchedulingIgnoredDuringExecution()
        .endPodAntiAffinity().build();
  }
}
