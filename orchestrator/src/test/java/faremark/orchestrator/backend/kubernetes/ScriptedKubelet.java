package faremark.orchestrator.backend.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What the mock API server lacks of a cluster, played by the test: the Job controller (a Job's
 * pod appears, from its template, on node-1) and the kubelet (the pod goes through the states the
 * test scripts, its logs are served). Fabric8's mock server in CRUD mode stores and returns
 * objects, watches and lists, but runs no controller; everything else is the real client against
 * a real HTTP server.
 */
final class ScriptedKubelet implements AutoCloseable {
  static final String NODE = "node-1";

  /** One step of a pod's life: its status, then its logs as the kubelet would serve them. */
  record Step(long afterMs, Function<Pod, PodStatus> status) {}

  /** A run's script: its steps, and the logs of its containers once it ran. */
  record Script(List<Step> steps, String workloadLog, String probeLog, boolean deleteAtEnd,
      long workingSetBytes) {
    Script(List<Step> steps, String workloadLog, String probeLog, boolean deleteAtEnd) {
      this(steps, workloadLog, probeLog, deleteAtEnd, 0);
    }
  }

  private final KubernetesClient client;
  private final KubernetesMockServer server;
  private final String namespace;
  private final Function<Job, Script> scripts;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService loop = Executors.newScheduledThreadPool(2);

  ScriptedKubelet(KubernetesClient client, KubernetesMockServer server, String namespace,
      Function<Job, Script> scripts) {
    this.client = client;
    this.server = server;
    this.namespace = namespace;
    this.scripts = scripts;
    client.nodes().resource(new NodeBuilder().withNewMetadata().withName(NODE).endMetadata()
        .withNewStatus().withNewNodeInfo().withKernelVersion("6.1.0-test").withOsImage("Debian 12")
        .withContainerRuntimeVersion("containerd://1.7").withKubeletVersion("v1.31.0").endNodeInfo()
        .addToCapacity("cpu", new io.fabric8.kubernetes.api.model.Quantity("4")).endStatus().build())
        .createOr(n -> n.update());
    loop.scheduleWithFixedDelay(this::tick, 0, 20, TimeUnit.MILLISECONDS);
  }

  /** Stage pods are ready as soon as they exist; each new Job gets its pod and its script. */
  private void tick() {
    try {
      for (Pod pod : client.pods().inNamespace(namespace).list().getItems()) {
        String role = pod.getMetadata().getLabels().get(KubeLabels.ROLE);
        if (!KubeLabels.ROLE_RUN.equals(role) && seen.add(pod.getMetadata().getName())) {
          update(pod, new PodStatusBuilder().withPhase("Running").withConditions(ready()).build());
        }
      }
      for (Job job : client.batch().v1().jobs().inNamespace(namespace).list().getItems()) {
        if (seen.add(job.getMetadata().getName())) {
          Script script = scripts.apply(job);
          if (script == null) {
            continue; // the controller could not make the pod (the test said why)
          }
          Pod pod = podOf(job);
          client.pods().inNamespace(namespace).resource(pod).create();
          serveLogs(pod.getMetadata().getName(), script);
          play(pod.getMetadata().getName(), script, 0);
        }
      }
    } catch (RuntimeException e) {
      // the namespace went (the experiment closed): nothing left to play
    }
  }

  private void play(String podName, Script script, int step) {
    if (step >= script.steps().size()) {
      if (script.deleteAtEnd()) {
        client.pods().inNamespace(namespace).withName(podName).delete();
        failJob(podName.substring(0, podName.lastIndexOf('-')));
      }
      return;
    }
    Step s = script.steps().get(step);
    loop.schedule(() -> {
      Pod pod = client.pods().inNamespace(namespace).withName(podName).get();
      if (pod == null) {
        return; // deleted by faremark: a kill
      }
      update(pod, s.status().apply(pod));
      play(podName, script, step + 1);
    }, s.afterMs(), TimeUnit.MILLISECONDS);
  }

  /** What the Job controller does when a pod of a {@code backoffLimit: 0} Job is deleted unfinished. */
  private void failJob(String jobName) {
    Job job = client.batch().v1().jobs().inNamespace(namespace).withName(jobName).get();
    if (job != null) {
      client.batch().v1().jobs().inNamespace(namespace).resource(new io.fabric8.kubernetes.api.model
          .batch.v1.JobBuilder(job).withNewStatus().withFailed(1).addNewCondition().withType("Failed")
          .withStatus("True").withReason("BackoffLimitExceeded")
          .withMessage("Job has reached the specified backoff limit").endCondition().endStatus()
          .build()).updateStatus();
    }
  }

  private void update(Pod pod, PodStatus status) {
    client.pods().inNamespace(namespace).resource(new PodBuilder(pod).withStatus(status).build()).update();
  }

  private void serveLogs(String pod, Script script) {
    String base = "/api/v1/namespaces/" + namespace + "/pods/" + pod + "/log?pretty=false";
    server.expect().get().withPath(base + "&container=workload&timestamps=true")
        .andReturn(200, script.workloadLog()).always();
    server.expect().get().withPath(base + "&container=probe&timestamps=true")
        .andReturn(200, script.probeLog()).always();
    if (script.workingSetBytes() > 0) {
      // metrics-server's answer for the pod (the mock has no metrics API of its own)
      server.expect().get().withPath("/apis/metrics.k8s.io/v1beta1/namespaces/" + namespace
          + "/pods/" + pod).andReturn(200, new io.fabric8.kubernetes.api.model.metrics.v1beta1
              .PodMetricsBuilder().withNewMetadata().withName(pod).withNamespace(namespace).endMetadata()
              .withTimestamp("2026-12-03T10:00:01Z").withWindow(new io.fabric8.kubernetes.api.model.Duration(
                  java.time.Duration.ofSeconds(15)))
              .addNewContainer().withName(RunManifests.WORKLOAD)
              .addToUsage("memory", new io.fabric8.kubernetes.api.model.Quantity(
                  Long.toString(script.workingSetBytes())))
              .endContainer().build()).always();
    }
  }

  private static Pod podOf(Job job) {
    var template = job.getSpec().getTemplate();
    return new PodBuilder().withNewMetadata()
        .withName(job.getMetadata().getName() + "-" + UUID.randomUUID().toString().substring(0, 5))
        .withNamespace(job.getMetadata().getNamespace())
        .withUid(UUID.randomUUID().toString())
        .withLabels(template.getMetadata().getLabels())
        .addToLabels("batch.kubernetes.io/job-name", job.getMetadata().getName())
        .endMetadata()
        .withSpec(new io.fabric8.kubernetes.api.model.PodSpecBuilder(template.getSpec())
            .withNodeName(NODE).build())
        .withStatus(new PodStatusBuilder().withPhase("Pending").build())
        .build();
  }

  // --- statuses a test scripts -------------------------------------------------------------

  static PodCondition ready() {
    return new PodConditionBuilder().withType("Ready").withStatus("True").build();
  }

  static Function<Pod, PodStatus> running() {
    return pod -> new PodStatusBuilder().withPhase("Running")
        .withContainerStatuses(workload(new ContainerStatusBuilder().withNewState().withNewRunning()
            .withStartedAt("2026-12-03T10:00:00Z").endRunning().endState())).build();
  }

  static Function<Pod, PodStatus> terminated(int exit, String reason) {
    return pod -> new PodStatusBuilder().withPhase(exit == 0 ? "Succeeded" : "Failed")
        .withContainerStatuses(workload(new ContainerStatusBuilder().withNewState().withNewTerminated()
            .withExitCode(exit).withReason(reason).withStartedAt("2026-12-03T10:00:00Z")
            .withFinishedAt("2026-12-03T10:00:02Z").endTerminated().endState())).build();
  }

  static Function<Pod, PodStatus> waiting(String reason, String message) {
    return pod -> new PodStatusBuilder().withPhase("Pending")
        .withContainerStatuses(workload(new ContainerStatusBuilder().withNewState().withNewWaiting()
            .withReason(reason).withMessage(message).endWaiting().endState())).build();
  }

  static Function<Pod, PodStatus> evicted() {
    return pod -> new PodStatusBuilder().withPhase("Failed").withReason("Evicted")
        .withMessage("The node was low on resource: memory.").build();
  }

  private static ContainerStatus workload(ContainerStatusBuilder status) {
    return status.withName(RunManifests.WORKLOAD).withImage("w").withImageID("w").withReady(false)
        .withRestartCount(0).build();
  }

  @Override
  public void close() {
    loop.shutdownNow();
  }
}
