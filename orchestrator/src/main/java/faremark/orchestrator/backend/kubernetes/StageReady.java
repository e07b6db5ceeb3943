package faremark.orchestrator.backend.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Waits until the stage's pods are ready (their readiness probes answer), or says which is not
 * and why: the pod's own waiting reason (an image that cannot be pulled) ends the wait at once.
 */
final class StageReady {
  private StageReady() {}

  static void await(KubernetesClient client, String namespace, List<String> pods, Duration limit)
      throws IOException {
    long deadline = System.nanoTime() + limit.toNanos();
    for (String name : pods) {
      while (true) {
        Pod pod = client.pods().inNamespace(namespace).withName(name).get();
        if (pod != null && ready(pod)) {
          break;
        }
        RunPodState state = RunPodState.of(pod, container(pod), true);
        if (state instanceof RunPodState.CannotStart c) {
          throw new IOException("the stage's pod " + namespace + "/" + name + " cannot start: "
              + c.why());
        }
        if (state instanceof RunPodState.Lost || state instanceof RunPodState.Finished) {
          throw new IOException("the stage's pod " + namespace + "/" + name + " ended before it"
              + " was ready: " + state);
        }
        if (System.nanoTime() > deadline) {
          throw new IOException("the stage's pod " + namespace + "/" + name + " was not ready"
              + " within " + limit.toSeconds() + " s: " + state);
        }
        try {
          Thread.sleep(KubeRun.POLL);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for the stage's pods", e);
        }
      }
    }
  }

  static boolean ready(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static String container(Pod pod) {
    return pod == null || pod.getSpec() == null || pod.getSpec().getContainers().isEmpty() ? ""
        : pod.getSpec().getContainers().get(0).getName();
  }
}
