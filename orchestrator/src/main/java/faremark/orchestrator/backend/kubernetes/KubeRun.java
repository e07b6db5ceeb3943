package faremark.orchestrator.backend.kubernetes;

import faremark.contract.Json;
import faremark.orchestrator.backend.RunObservation;
import faremark.orchestrator.backend.RunWatcher;
import faremark.orchestrator.backend.WorkloadRun;
import faremark.orchestrator.lifecycle.Cleanup;
import faremark.orchestrator.results.ResultsLayout;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run on the cluster, from its Job's creation to its deletion: creates the spec's ConfigMap
 * and the Job, follows the run's pod through the states {@link RunPodState} tells apart, kills
 * it at the scenario's timeout or on Ctrl-C, reads the workload's and the probe's logs once the
 * workload has ended, and deletes everything the run made before returning, whatever happened.
 *
 * <p>The pod is polled rather than watched: one small GET every {@link #POLL} per run is nothing
 * to an API server, and a poll cannot miss a state change a dropped watch would.
 */
final class KubeRun {
  static final Duration POLL = Duration.ofMillis(100);
  /**
   * How long a Job may be without a pod before its status and events are asked why (then every
   * half of it): a refused pod, or one made and deleted between two polls.
   */
  static final Duration NO_POD_CHECK = Duration.ofSeconds(2);

  private final KubernetesClient client;
  private final String namespace;
  private final String experiment;
  private final OwnerReference owner;
  private final KubernetesSettings settings;

  /** Where a run ran: its node and what that node is, for the run's record. */
  private volatile Map<String, Object> placement = Map.of();

  KubeRun(KubernetesClient client, String namespace, String experiment, OwnerReference owner,
      KubernetesSettings settings) {
    this.client = client;
    this.namespace = namespace;
    this.experiment = experiment;
    this.owner = owner;
    this.settings = settings;
  }

  /** The last run's placement (node, pod, node's kernel and runtime), for its record. */
  Map<String, Object> placement() {
    return placement;
  }

  RunObservation run(WorkloadRun run, RunManifests.Run manifest) throws IOException {
    placement = Map.of();
    List<String> recorded = new ArrayList<>();
    recorded.add("job:" + namespace + "/" + manifest.job() + ":" + manifest.image());
    recorded.addAll(manifest.command());
    String spec = Json.mapper().writeValueAsString(run.spec());
    try (Cleanup.Registration reg = Cleanup.global().register("job " + manifest.job(),
        () -> delete(manifest.job()))) {
      try {
        client.configMaps().inNamespace(namespace)
            .resource(ManifestCheck.valid(RunManifests.spec(namespace, experiment, manifest, spec,
                owner))).create();
        client.batch().v1().jobs().inNamespace(namespace)
            .resource(ManifestCheck.valid(RunManifests.job(namespace, experiment, manifest, settings,
                owner))).create();
      } catch (KubernetesClientException e) {
        if (RunWatcher.interruptedBy(e)) {
          return RunWatcher.stoppedBeforeWatched(recorded, run.sampleInterval());
        }
        throw new IOException("the cluster refused run " + run.name() + "'s Job " + manifest.job()
            + " in namespace " + namespace + ": " + e.getMessage(), e);
      }
      return follow(run, manifest, recorded);
    } finally {
      delete(manifest.job());
    }
  }

  private RunObservation follow(WorkloadRun run, RunManifests.Run manifest, List<String> recorded)
      throws IOException {
    long created = System.nanoTime();
    MetricsReadings metrics = new MetricsReadings(client, namespace);
    long runningSince = -1;
    boolean seenPod = false;
    long checkedAt = created;
    Pod pod = null;
    RunPodState state;
    while (true) {
      Pod now;
      try {
        now = pod(manifest.job());
      } catch (KubernetesClientException e) {
        if (RunWatcher.interruptedBy(e)) {
          return stopped(run, manifest, recorded, pod, false, metrics);
        }
        throw new IOException("the cluster stopped answering about run " + run.name() + ": "
            + e.getMessage(), e);
      }
      pod = now != null ? now : pod;
      state = RunPodState.of(now, RunManifests.WORKLOAD, seenPod);
      seenPod |= now != null;
      long t = System.nanoTime();
      switch (state) {
        case RunPodState.Waiting w -> {
          if (now == null && !seenPod && t - created > NO_POD_CHECK.toNanos()
              && t - checkedAt > NO_POD_CHECK.toNanos() / 2) {
            checkedAt = t;
            Optional<String> gone = jobEnded(manifest.job());
            if (gone.isPresent()) {
              // made and gone between two polls (deleted, its node lost): a lost run, not a wait
              return observed(run, manifest, recorded, null, Optional.empty(),
                  Optional.of("the run's pod went before it was seen running (" + gone.get()
                      + "): deleted, or its node lost"), metrics);
            }
            Optional<String> refused = refusedPod(manifest.job());
            if (refused.isPresent()) {
              throw new IOException("the cluster does not let run " + run.name() + "'s Job "
                  + manifest.job() + " make its pod: " + refused.get() + (refused.get()
                  .contains("PodSecurity") ? " (the probe sidecar needs a hostPath of the"
                  + " node's cgroup tree: see docs/kubernetes.md, or set "
                  + KubernetesSettings.PROBE + "=off)" : ""));
            }
          }
          if (runningSince < 0 && t - created > settings.startLimit().toNanos()) {
            throw new IOException("run " + run.name() + "'s pod did not start within "
                + settings.startLimit().toSeconds() + " s (" + KubernetesSettings.START_LIMIT
                + "): " + w.why());
          }
        }
        case RunPodState.Running r -> {
          if (runningSince < 0) {
            runningSince = t;
          } else if (t - runningSince > run.timeout().toNanos()) {
            return stopped(run, manifest, recorded, pod, true, metrics);
          }
          if (manifest.probeImage().isEmpty()) {
            metrics.poll(pod.getMetadata().getName(), t);
          }
        }
        case RunPodState.CannotStart c -> throw new IOException("run " + run.name() + "'s pod"
            + " cannot start on the cluster: " + c.why() + " (image " + manifest.image() + "; is it"
            + " in " + settings.registry() + " and can the nodes pull from there?)");
        case RunPodState.Finished f -> {
          return observed(run, manifest, recorded, pod, Optional.of(f), Optional.empty(), metrics);
        }
        case RunPodState.Lost l -> {
          return observed(run, manifest, recorded, pod, Optional.empty(), Optional.of(l.why()),
              metrics);
        }
      }
      try {
        Thread.sleep(POLL);
      } catch (InterruptedException e) {
        return stopped(run, manifest, recorded, pod, false, metrics);
      }
    }
  }

  /**
   * Killed at the timeout or by Ctrl-C: the logs so far are read (a timed-out run keeps its
   * series and events), then the Job goes with its pod.
   */
  private RunObservation stopped(WorkloadRun run, RunManifests.Run manifest, List<String> recorded,
      Pod pod, boolean timedOut, MetricsReadings metrics) throws IOException {
    if (!timedOut) {
      // Ctrl-C: kill first, read nothing more; the flag stays clear so the results get written
      Thread.interrupted();
      delete(manifest.job());
      return RunWatcher.stoppedBeforeWatched(recorded, run.sampleInterval());
    }
    RunObservation seen = observed(run, manifest, recorded, pod, Optional.empty(), Optional.empty(),
        metrics);
    delete(manifest.job());
    return new RunObservation(seen.command(), seen.launchedAt(), Optional.empty(), true, false,
        seen.processWall(), seen.events(), seen.samples(), seen.samplerStats(), seen.totals(),
        seen.memorySource(), seen.memoryDefinition(), seen.failure());
  }

  private RunObservation observed(WorkloadRun run, RunManifests.Run manifest, List<String> recorded,
      Pod pod, Optional<RunPodState.Finished> finished, Optional<String> lost,
      MetricsReadings metrics) throws IOException {
    String podName = pod == null ? null : pod.getMetadata().getName();
    placement = Placement.of(client, pod);
    String workloadLog = podName == null ? "" : log(podName, RunManifests.WORKLOAD);
    String probeLog = podName == null || manifest.probeImage().isEmpty() ? ""
        : log(podName, RunManifests.PROBE);
    RunLogs logs = RunLogs.split(PodLogs.parse(workloadLog));
    Files.writeString(run.runDir().resolve(ResultsLayout.STDERR), logs.otherText(),
        StandardCharsets.UTF_8);
    return SidecarFigures.observation(run, manifest, recorded, pod, logs, PodLogs.parse(probeLog),
        finished, lost, metrics);
  }

  /**
   * Why the Job controller could not make the run's pod, from its {@code FailedCreate} events
   * (an admission policy refusing it, a quota): otherwise the run would only time out.
   */
  private Optional<String> refusedPod(String job) {
    try {
      return client.v1().events().inNamespace(namespace).list().getItems().stream()
          .filter(e -> e.getInvolvedObject() != null && job.equals(e.getInvolvedObject().getName())
              && "Job".equals(e.getInvolvedObject().getKind()) && "FailedCreate".equals(e.getReason()))
          .map(io.fabric8.kubernetes.api.model.Event::getMessage).findFirst();
    } catch (KubernetesClientException e) {
      return Optional.empty(); // no right to read events: the start limit says it
    }
  }

  /**
   * Whether the run's Job has ended without faremark having seen its pod: the Job controller
   * counts a pod deleted before it finished as failed, and with {@code backoffLimit: 0} the Job
   * fails. Empty while the Job is still waiting for its pod.
   */
  private Optional<String> jobEnded(String job) {
    try {
      var j = client.batch().v1().jobs().inNamespace(namespace).withName(job).get();
      if (j == null) {
        return Optional.of("its Job " + job + " was deleted by someone else");
      }
      var status = j.getStatus();
      if (status == null) {
        return Optional.empty();
      }
      Optional<String> failed = Optional.ofNullable(status.getConditions()).orElse(List.of()).stream()
          .filter(c -> ("Failed".equals(c.getType()) || "FailureTarget".equals(c.getType()))
              && "True".equals(c.getStatus()))
          .map(c -> "its Job failed: " + c.getReason() + (c.getMessage() == null ? ""
              : ", " + c.getMessage()))
          .findFirst();
      if (failed.isEmpty() && status.getFailed() != null && status.getFailed() > 0) {
        failed = Optional.of("its Job counts " + status.getFailed() + " failed pod(s)");
      }
      return failed;
    } catch (KubernetesClientException e) {
      return Optional.empty(); // the start limit says it
    }
  }

  /** The run's pod (the newest, should the Job controller have made another), or null. */
  private Pod pod(String job) {
    return client.pods().inNamespace(namespace).withLabel(KubeLabels.RUN, job)
        .withLabel(KubeLabels.EXPERIMENT, experiment).list().getItems().stream()
        .max(Comparator.comparing(p -> String.valueOf(p.getMetadata().getCreationTimestamp())))
        .orElse(null);
  }

  /** A container's whole log with the node's timestamps; empty where it cannot be read. */
  private String log(String pod, String container) {
    try {
      String log = client.pods().inNamespace(namespace).withName(pod).inContainer(container)
          .usingTimestamps().getLog();
      return log == null ? "" : log;
    } catch (KubernetesClientException e) {
      return "";
    }
  }

  /** The run's Job, its pods (foreground) and its spec; what is gone already is fine. */
  void delete(String job) {
    try {
      client.batch().v1().jobs().inNamespace(namespace).withName(job)
          .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND)
          .withGracePeriod(0).delete();
      // The garbage collector removes the pod; deleted here too so a kill takes effect now
      client.pods().inNamespace(namespace).withLabel(KubeLabels.EXPERIMENT, experiment)
          .withLabel(KubeLabels.RUN, job).withGracePeriod(0).delete();
      client.configMaps().inNamespace(namespace).withName(job).delete();
    } catch (KubernetesClientException e) {
      // the cluster went away: the experiment's clean-up, or the next start's sweep, does it
    }
  }

  /** Node facts for the run's record; what cannot be read (no RBAC on nodes) says so. */
  static final class Placement {
    private Placement() {}

    static Map<String, Object> of(KubernetesClient client, Pod pod) {
      Map<String, Object> out = new LinkedHashMap<>();
      if (pod == null) {
        return out;
      }
      out.put("pod", pod.getMetadata().getName());
      String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
      if (node == null) {
        return out;
      }
      out.put("node", node);
      try {
        var n = client.nodes().withName(node).get();
        if (n != null && n.getStatus() != null && n.getStatus().getNodeInfo() != null) {
          var info = n.getStatus().getNodeInfo();
          out.put("kernel", info.getKernelVersion());
          out.put("os", info.getOsImage());
          out.put("runtime", info.getContainerRuntimeVersion());
          out.put("kubelet", info.getKubeletVersion());
          var capacity = n.getStatus().getCapacity();
          if (capacity != null && capacity.get("cpu") != null) {
            out.put("cpus", capacity.get("cpu").toString());
          }
        }
      } catch (KubernetesClientException e) {
        out.put("nodeDetails", "not readable: " + e.getMessage());
      }
      return out;
    }
  }
}
