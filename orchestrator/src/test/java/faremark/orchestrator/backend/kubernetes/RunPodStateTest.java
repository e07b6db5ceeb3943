package faremark.orchestrator.backend.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import org.junit.jupiter.api.Test;

/** Every state of a run's pod the watcher must tell apart, as the API reports each of them. */
class RunPodStateTest {

  private static Pod pod(PodStatus status) {
    return new PodBuilder().withNewMetadata().withName("p").endMetadata().withStatus(status).build();
  }

  private static RunPodState of(PodStatus status) {
    return RunPodState.of(pod(status), RunManifests.WORKLOAD, true);
  }

  @Test
  void noPodYetIsWaitingButAPodThatWasThereAndIsGoneIsLost() {
    assertThat(RunPodState.of(null, "workload", false)).isInstanceOf(RunPodState.Waiting.class);
    assertThat(RunPodState.of(null, "workload", true)).isInstanceOf(RunPodState.Lost.class);
  }

  @Test
  void runningAndFinishedComeFromTheWorkloadContainerNotTheSidecar() {
    Pod pod = new PodBuilder(pod(ScriptedKubelet.running().apply(null))).build();
    assertThat(RunPodState.of(pod, "workload", true)).isInstanceOf(RunPodState.Running.class);
    assertThat(RunPodState.of(pod, "probe", true)).isInstanceOf(RunPodState.Waiting.class);
    RunPodState oom = of(ScriptedKubelet.terminated(137, "OOMKilled").apply(null));
    assertThat(oom).isInstanceOfSatisfying(RunPodState.Finished.class, f -> {
      assertThat(f.exitCode()).isEqualTo(137);
      assertThat(f.oomKilled()).isTrue();
    });
  }

  @Test
  void anEndedContainerIsAResultEvenWhereThePodWasEvictedAfterwards() {
    PodStatus status = new PodStatusBuilder(ScriptedKubelet.terminated(0, "Completed").apply(null))
        .withReason("Evicted").build();
    assertThat(of(status)).isInstanceOf(RunPodState.Finished.class);
  }

  @Test
  void evictionIsRecognisedAsThePodsReasonOrAsADisruptionCondition() {
    assertThat(of(ScriptedKubelet.evicted().apply(null))).isInstanceOf(RunPodState.Lost.class);
    PodStatus disrupted = new PodStatusBuilder(ScriptedKubelet.running().apply(null))
        .addNewCondition().withType("DisruptionTarget").withStatus("True")
        .withReason("EvictionByEvictionAPI").withMessage("Eviction API: evicting").endCondition().build();
    assertThat(of(disrupted)).isInstanceOfSatisfying(RunPodState.Lost.class,
        l -> assertThat(l.why()).contains("EvictionByEvictionAPI"));
  }

  @Test
  void aLostNodeIsPhaseUnknownOrReasonNodeLost() {
    assertThat(of(new PodStatusBuilder().withPhase("Unknown").build())).isInstanceOf(RunPodState.Lost.class);
    assertThat(of(new PodStatusBuilder(ScriptedKubelet.running().apply(null)).withReason("NodeLost").build()))
        .isInstanceOfSatisfying(RunPodState.Lost.class, l -> assertThat(l.why()).contains("node"));
  }

  @Test
  void imagesThatCannotBePulledAndContainersThatCannotBeMadeCannotStart() {
    for (String reason : RunPodState.CANNOT_START) {
      assertThat(of(ScriptedKubelet.waiting(reason, "why").apply(null))).as(reason)
          .isInstanceOf(RunPodState.CannotStart.class);
    }
    assertThat(of(ScriptedKubelet.waiting("ContainerCreating", null).apply(null)))
        .isInstanceOf(RunPodState.Waiting.class);
  }

  @Test
  void anUnschedulablePodWaitsSayingWhy() {
    PodStatus pending = new PodStatusBuilder().withPhase("Pending").addNewCondition()
        .withType("PodScheduled").withStatus("False").withReason("Unschedulable")
        .withMessage("0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules.")
        .endCondition().build();
    assertThat(of(pending)).isInstanceOfSatisfying(RunPodState.Waiting.class,
        w -> assertThat(w.why()).contains("anti-affinity"));
  }
}
