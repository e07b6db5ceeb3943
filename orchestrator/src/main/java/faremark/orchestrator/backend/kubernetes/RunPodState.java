package faremark.orchestrator.backend.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a run's pod says about its workload, read from the pod's status alone: every case the
 * run's watcher must tell apart, as one sealed type so that none is forgotten in a {@code
 * switch}. The API reports some of these several ways over its versions (an eviction as the
 * pod's reason or as a disruption condition; a lost node as phase {@code Unknown}, reason {@code
 * NodeLost}, or the pod deleted by the node lifecycle controller); all are recognised.
 */
sealed interface RunPodState {

  /** No pod yet (the Job controller has not made it), or not scheduled/started yet. */
  record Waiting(String why) implements RunPodState {}

  /** The workload container runs (the probe sidecar started before it). */
  record Running() implements RunPodState {}

  /**
   * The workload container ended.
   *
   * @param reason the runtime's: {@code Completed}, {@code Error}, {@code OOMKilled}, ...
   */
  record Finished(int exitCode, String reason, Optional<String> message) implements RunPodState {
    boolean oomKilled() {
      return "OOMKilled".equals(reason);
    }
  }

  /**
   * The workload can never start: its image cannot be pulled or its container created. Not the
   * model's fault and not transient: the experiment stops, saying why.
   */
  record CannotStart(String why) implements RunPodState {}

  /**
   * The pod was lost under a started or scheduled run: evicted, its node gone, deleted by
   * someone. What was measured does not count (outcome {@code engine-failed}).
   */
  record Lost(String why) implements RunPodState {}

  /** Waiting reasons that will not resolve by waiting. */
  Set<String> CANNOT_START = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
      "ErrImageNeverPull", "CreateContainerConfigError", "CreateContainerError", "RunContainerError");

  /** Disruption conditions' reasons (k8s 1.26+: the pod is about to go, and why). */
  Set<String> DISRUPTIONS = Set.of("EvictionByEvictionAPI", "DeletionByTaintManager",
      "DeletionByPodGC", "PreemptionByScheduler", "TerminationByKubelet");

  /**
   * The state of {@code pod} (null: not there) for its container {@code container}.
   *
   * @param seenBefore whether this pod was seen earlier: a pod that then disappears was deleted
   */
  static RunPodState of(Pod pod, String container, boolean seenBefore) {
    if (pod == null) {
      return seenBefore
          ? new Lost("the run's pod was deleted while it ran (its node lost, or removed by"
              + " someone else)")
          : new Waiting("no pod yet");
    }
    var status = pod.getStatus();
    String phase = status == null ? null : status.getPhase();
    String podReason = status == null ? null : status.getReason();
    Optional<ContainerStatus> own = status == null ? Optional.empty()
        : Optional.ofNullable(status.getContainerStatuses()).orElse(List.of()).stream()
            .filter(c -> container.equals(c.getName())).findFirst();
    // An ended container is a result even where the pod went on to be evicted or failed.
    Optional<ContainerState> state = own.map(ContainerStatus::getState);
    if (state.isPresent() && state.get().getTerminated() != null) {
      var t = state.get().getTerminated();
      return new Finished(t.getExitCode() == null ? -1 : t.getExitCode(),
          String.valueOf(t.getReason()), Optional.ofNullable(t.getMessage()));
    }
    if ("Evicted".equals(podReason)) {
      return new Lost("the run's pod was evicted: " + message(status.getMessage()));
    }
    if ("NodeLost".equals(podReason) || "Unknown".equals(phase)) {
      return new Lost("the run's node stopped answering (pod phase " + phase + ", reason "
          + podReason + "): " + message(status.getMessage()));
    }
    Optional<PodCondition> disrupted = status == null ? Optional.empty()
        : Optional.ofNullable(status.getConditions()).orElse(List.of()).stream()
            .filter(c -> "DisruptionTarget".equals(c.getType()) && "True".equals(c.getStatus()))
            .findFirst();
    if (disrupted.isPresent()) {
      return new Lost("the run's pod is being removed (" + disrupted.get().getReason() + "): "
          + message(disrupted.get().getMessage()));
    }
    if (pod.getMetadata() != null && pod.getMetadata().getDeletionTimestamp() != null) {
      return new Lost("the run's pod is being deleted by someone else");
    }
    if ("Failed".equals(phase)) {
      // failed before its container ran (a deadline, a rejected admission)
      return new Lost("the run's pod failed before its workload ran (" + podReason + "): "
          + message(status.getMessage()));
    }
    if (state.isPresent() && state.get().getRunning() != null) {
      return new Running();
    }
    if (state.isPresent() && state.get().getWaiting() != null) {
      var w = state.get().getWaiting();
      if (CANNOT_START.contains(w.getReason())) {
        return new CannotStart(w.getReason() + ": " + message(w.getMessage()));
      }
      return new Waiting("container " + w.getReason());
    }
    Optional<PodCondition> unscheduled = status == null ? Optional.empty()
        : Optional.ofNullable(status.getConditions()).orElse(List.of()).stream()
            .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
            .findFirst();
    return unscheduled.<RunPodState>map(c -> new Waiting("not scheduled: " + c.getReason() + ": "
        + message(c.getMessage()))).orElseGet(() -> new Waiting("pod " + phase));
  }

  private static String message(String m) {
    return m == null || m.isBlank() ? "(no message)" : m.strip();
  }
}
