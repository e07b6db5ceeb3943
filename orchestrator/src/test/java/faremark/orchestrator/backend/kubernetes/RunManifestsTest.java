package faremark.orchestrator.backend.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A run's Job and spec as faremark sends them: limits, security, labels, owner, the sidecar. */
class RunManifestsTest {
  static final OwnerReference OWNER = PodParts.ownedBy(new ConfigMapBuilder().withNewMetadata()
      .withName("fm-abc-123").withUid("0b7e4c1e-1111-4222-8333-444455556666").endMetadata().build());

  static RunManifests.Run run(Optional<String> probe) {
    return new RunManifests.Run("fm-abc-123-1-rvirtual-threads-1", "rvirtual-threads-1",
        "localhost:5001/faremark-workload-java@sha256:" + "a".repeat(64),
        List.of("java", "-jar", "/opt/faremark/workload-java.jar", "/run/faremark/spec.json"),
        new Quantity("268435456"), new Quantity("1"), probe, Duration.ofMillis(10),
        Duration.ofSeconds(60), Duration.ofMinutes(12));
  }

  static KubernetesSettings settings(Map<String, String> env) throws Exception {
    return KubernetesSettings.of(Optional.empty(), Optional.of("localhost:5001"), Optional.empty(), env);
  }

  private static Job job(Optional<String> probe, Map<String, String> env) throws Exception {
    return RunManifests.job("faremark-fm-abc-123", "fm-abc-123", run(probe), settings(env), OWNER);
  }

  @Test
  void aRunIsOneTryOfOneGuaranteedPodWithTheScenariosLimit() throws Exception {
    Job job = job(Optional.of("localhost:5001/faremark-probe@sha256:" + "b".repeat(64)), Map.of());

    assertThat(job.getSpec().getBackoffLimit()).isZero();
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    List<Container> all = new ArrayList<>(pod.getContainers());
    all.addAll(pod.getInitContainers());
    assertThat(all).extracting(Container::getName).containsExactlyInAnyOrder("workload", "probe");
    // Guaranteed QoS: every container's requests equal its limits, for memory and CPU
    for (Container c : all) {
      assertThat(c.getResources().getRequests()).as(c.getName())
          .containsOnlyKeys("memory", "cpu").isEqualTo(c.getResources().getLimits());
    }
    Container workload = pod.getContainers().get(0);
    assertThat(workload.getResources().getLimits().get("memory")).isEqualTo(new Quantity("268435456"));
    assertThat(workload.getCommand()).endsWith("/run/faremark/spec.json");
    assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(720L);
  }

  @Test
  void nothingRunsAsRootOrWithPrivilegeOrATokenOrAWritableRoot() throws Exception {
    PodSpec pod = job(Optional.of("p@sha256:" + "b".repeat(64)), Map.of()).getSpec().getTemplate().getSpec();

    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65534L);
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    List<Container> all = new ArrayList<>(pod.getContainers());
    all.addAll(pod.getInitContainers());
    for (Container c : all) {
      var s = c.getSecurityContext();
      assertThat(s.getAllowPrivilegeEscalation()).as(c.getName()).isFalse();
      assertThat(s.getPrivileged()).as(c.getName()).isFalse();
      assertThat(s.getReadOnlyRootFilesystem()).as(c.getName()).isTrue();
      assertThat(s.getCapabilities().getDrop()).as(c.getName()).containsExactly("ALL");
      assertThat(s.getCapabilities().getAdd()).as(c.getName()).isNullOrEmpty();
    }
  }

  @Test
  void theProbeIsANativeSidecarReadingTheNodesCgroupTreeReadOnly() throws Exception {
    PodSpec pod = job(Optional.of("p@sha256:" + "b".repeat(64)), Map.of()).getSpec().getTemplate().getSpec();

    Container probe = pod.getInitContainers().get(0);
    assertThat(probe.getRestartPolicy()).isEqualTo("Always");
    assertThat(probe.getArgs()).containsSequence("--pod-uid", "$(FAREMARK_POD_UID)")
        .containsSequence("--interval-ns", "10000000").containsSequence("--ready-file", RunManifests.PROBE_READY);
    assertThat(probe.getEnv().get(0).getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.uid");
    assertThat(probe.getStartupProbe().getExec().getCommand()).containsExactly("cat", RunManifests.PROBE_READY);
    var cgroup = probe.getVolumeMounts().stream().filter(m -> m.getName().equals("cgroup")).findFirst().orElseThrow();
    assertThat(cgroup.getReadOnly()).isTrue();
    assertThat(cgroup.getRecursiveReadOnly()).isEqualTo("IfPossible");
    var hostPath = pod.getVolumes().stream().filter(v -> v.getName().equals("cgroup")).findFirst().orElseThrow();
    assertThat(hostPath.getHostPath().getPath()).isEqualTo("/sys/fs/cgroup");
    // the workload never sees the host's tree
    assertThat(pod.getContainers().get(0).getVolumeMounts()).extracting(m -> m.getName())
        .containsExactlyInAnyOrder("spec", "tmp");
  }

  @Test
  void withoutTheProbeThereIsNoHostPathAtAll() throws Exception {
    PodSpec pod = job(Optional.empty(), Map.of()).getSpec().getTemplate().getSpec();

    assertThat(pod.getInitContainers()).isEmpty();
    assertThat(pod.getVolumes()).noneMatch(v -> v.getHostPath() != null);
  }

  @Test
  void labelsNameTheExperimentAndRunOnJobAndPodAndEverythingIsOwned() throws Exception {
    Job job = job(Optional.empty(), Map.of());
    ConfigMap spec = RunManifests.spec("ns", "fm-abc-123", run(Optional.empty()), "{}", OWNER);

    for (Map<String, String> labels : List.of(job.getMetadata().getLabels(),
        job.getSpec().getTemplate().getMetadata().getLabels(), spec.getMetadata().getLabels())) {
      assertThat(labels).containsEntry(KubeLabels.EXPERIMENT, "fm-abc-123")
          .containsEntry(KubeLabels.ROLE, KubeLabels.ROLE_RUN)
          .containsEntry(KubeLabels.RUN, "fm-abc-123-1-rvirtual-threads-1")
          .containsEntry(KubeLabels.MANAGED_BY, "faremark")
          .containsKeys(KubeLabels.OWNER_HOST, KubeLabels.OWNER_PID);
    }
    assertThat(job.getMetadata().getOwnerReferences()).containsExactly(OWNER);
    assertThat(spec.getMetadata().getOwnerReferences()).containsExactly(OWNER);
    assertThat(spec.getData()).containsOnlyKeys("spec.json");
  }

  @Test
  void oneRunPerNodeByDefaultOrPinnedToASelector() throws Exception {
    PodSpec spread = job(Optional.empty(), Map.of()).getSpec().getTemplate().getSpec();
    var term = spread.getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().get(0);
    assertThat(term.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
    assertThat(term.getLabelSelector().getMatchLabels()).containsEntry(KubeLabels.ROLE, KubeLabels.ROLE_RUN);

    KubernetesSettings pinned = KubernetesSettings.of(Optional.empty(), Optional.of("r:5000"),
        Optional.of("kubernetes.io/hostname=node-2"), Map.of(KubernetesSettings.PLACEMENT, "any"));
    PodSpec onNode = RunManifests.job("ns", "fm-abc-123", run(Optional.empty()), pinned, OWNER)
        .getSpec().getTemplate().getSpec();
    assertThat(onNode.getNodeSelector()).containsExactly(Map.entry("kubernetes.io/hostname", "node-2"));
    assertThat(onNode.getAffinity()).isNull();
  }

  @Test
  void theManifestsPassTheApiServersValidation() throws Exception {
    Job job = job(Optional.of("p@sha256:" + "b".repeat(64)), Map.of());

    assertThat(ManifestCheck.problems(job)).isEmpty();
    assertThat(ManifestCheck.problems(RunManifests.spec("ns", "fm-abc-123", run(Optional.empty()), "{}", OWNER)))
        .isEmpty();
  }

  @Test
  void theCheckRefusesWhatTheApiServerWould() throws Exception {
    Job good = job(Optional.of("p@sha256:" + "b".repeat(64)), Map.of());
    Job bad = new JobBuilder(good)
        .editMetadata().withName("Not_A_Name").addToLabels("faremark.io/x", "no spaces allowed").endMetadata()
        .editSpec().editTemplate().editSpec().withRestartPolicy("Always")
        .editFirstContainer().addNewVolumeMount().withName("nowhere").withMountPath("/x").endVolumeMount()
        .editResources().addToRequests("memory", new Quantity("1Gi")).endResources()
        .endContainer().endSpec().endTemplate().endSpec().build();

    assertThat(ManifestCheck.problems(bad)).anyMatch(p -> p.contains("metadata.name"))
        .anyMatch(p -> p.contains("not a label value"))
        .anyMatch(p -> p.contains("restartPolicy"))
        .anyMatch(p -> p.contains("'nowhere' is not a volume"))
        .anyMatch(p -> p.contains("memory request exceeds its limit"));
  }
}
