package faremark.orchestrator.backend.kubernetes;

import static faremark.orchestrator.backend.kubernetes.KubeTestBed.T0;
import static faremark.orchestrator.backend.kubernetes.KubeTestBed.script;
import static faremark.orchestrator.backend.kubernetes.KubeTestBed.step;
import static faremark.orchestrator.backend.kubernetes.KubeTestBed.workloadLog;
import static faremark.orchestrator.backend.kubernetes.ScriptedKubelet.evicted;
import static faremark.orchestrator.backend.kubernetes.ScriptedKubelet.running;
import static faremark.orchestrator.backend.kubernetes.ScriptedKubelet.terminated;
import static faremark.orchestrator.backend.kubernetes.ScriptedKubelet.waiting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faremark.orchestrator.backend.RunObservation;
import faremark.orchestrator.backend.WorkloadRun;
import faremark.orchestrator.results.ResultsLayout;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run on the cluster ({@link KubeRun}, through the backend) against fabric8's mock API server
 * in CRUD mode, with the Job controller and the kubelet played by {@link ScriptedKubelet}: every
 * state a run's pod can end in, what the run's observation makes of it, and that no Job, run pod
 * or spec ConfigMap is left after it. No cluster is reachable here; docs/kubernetes.md says what
 * was and was not run against one.
 */
@EnableKubernetesMockClient(crud = true)
class KubeRunTest {
  static KubernetesClient client;
  static KubernetesMockServer server;

  @TempDir Path tmp;
  private KubeTestBed bed;

  @BeforeEach
  void bed() {
    bed = new KubeTestBed(client, server, tmp);
  }

  @AfterEach
  void close() throws Exception {
    bed.close();
  }

  @Test
  void aRunThatEndsIsReadFromItsPodOnTheNodesClockAndLeavesNothing() throws Exception {
    KubernetesBackend backend = bed.open(Map.of(), job -> script(List.of(step(50, running()),
        step(100, terminated(0, "Completed")))));

    RunObservation seen = backend.run(bed.run(Duration.ofMinutes(1)));

    assertThat(seen.exitCode()).contains(0);
    assertThat(seen.launchedAt()).isEqualTo(T0);
    assertThat(seen.events().readyAt()).contains(Duration.ofMillis(50));
    assertThat(seen.events().doneAt()).contains(Duration.ofMillis(180));
    assertThat(seen.events().violations()).isEmpty();
    assertThat(seen.processWall()).isEqualTo(Duration.ofMillis(210));
    assertThat(seen.samples()).hasSize(21);
    assertThat(seen.samples().get(5).at()).isEqualTo(Duration.ofMillis(50));
    assertThat(seen.totals().orElseThrow().peakBytes()).isEqualTo(OptionalLong.of(12_500_000L));
    assertThat(seen.memorySource()).isEqualTo("probe");
    assertThat(seen.memoryDefinition()).contains("probe sidecar").contains("node's");
    assertThat(seen.failure()).isEmpty();
    assertThat(seen.command().getFirst()).startsWith("job:" + backend.namespace() + "/");
    assertThat(Files.readString(tmp.resolve(ResultsLayout.STDERR))).contains("WARNING: a JVM warning");
    assertThat(backend.engineRecord("sequential")).containsEntry("node", ScriptedKubelet.NODE)
        .containsEntry("kernel", "6.1.0-test").containsKey("pod");
    assertThat(bed.runObjects(backend)).isEmpty();
  }

  @Test
  void anOomKilledContainerIsAnOomKillEvenWhereTheKernelsCounterMissedIt() throws Exception {
    KubernetesBackend backend = bed.open(Map.of(), job -> script(List.of(step(50, running()),
        step(100, terminated(137, "OOMKilled")))));

    RunObservation seen = backend.run(bed.run(Duration.ofMinutes(1)));

    assertThat(seen.exitCode()).contains(137);
    assertThat(seen.totals().orElseThrow().oomKills()).isEqualTo(1);
    assertThat(bed.runObjects(backend)).isEmpty();
  }

  @Test
  void anEvictedPodIsALostRunNotTheModelsFailure() throws Exception {
    KubernetesBackend backend = bed.open(Map.of(), job -> script(List.of(step(50, running()),
        step(100, evicted()))));

    RunObservation seen = backend.run(bed.run(Duration.ofMinutes(1)));

    assertThat(seen.failure()).hasValueSatisfying(f -> assertThat(f).contains("evicted")
        .contains("low on resource: memory"));
    assertThat(seen.exitCode()).isEmpty();
    assertThat(bed.runObjects(backend)).isEmpty();
  }

  @Test
  void aPodDeletedUnderARunIsALostNode() throws Exception {
    // running for 800 ms (eight polls) before it goes: seen, then gone
    KubernetesBackend backend = bed.open(Map.of(), job -> new ScriptedKubelet.Script(
        List.of(step(50, running()), step(800, running())), "", "", true));

    RunObservation seen = backend.run(bed.run(Duration.ofMinutes(1)));

    assertThat(seen.failure()).hasValueSatisfying(f -> assertThat(f).contains("deleted"));
    assertThat(seen.memorySource()).isEqualTo("none");
    assertThat(bed.runObjects(backend)).isEmpty();
  }

  @Test
  void aPodMadeAndDeletedBetweenTwoPollsIsALostRunNotAWaitForTheStartLimit() throws Exception {
    // gone as soon as made: faremark never sees it; the Job's failure says what happened. Were it
    // missed, the run would wait for the start limit and throw instead.
    KubernetesBackend backend = bed.open(Map.of(), job -> new ScriptedKubelet.Script(
        List.of(), "", "", true));

    RunObservation seen = backend.run(bed.run(Duration.ofMinutes(1)));

    // A poll may still catch the pod in the instant between its making and its deletion: then it
    // is "deleted while it ran"; either way a lost run, never the start limit's exception.
    assertThat(seen.failure()).hasValueSatisfying(f -> assertThat(f).contains("deleted"));
    assertThat(seen.memorySource()).isEqualTo("none");
    assertThat(seen.exitCode()).isEmpty();
    assertThat(bed.runObjects(backend)).isEmpty();
  }

  @Test
  void withoutTheProbeMemoryIsMetricsServersCoarseReadingClearlyLabelled() throws Exception {
    KubernetesBackend backend = bed.open(Map.of(KubernetesSettings.PROBE, "off"), job ->
        new ScriptedKubelet.Script(List.of(step(50, running()), step(300, terminated(0, "Completed"))),
            workloadLog(), "", false, 41_943_040L));

    RunObservation seen = backend.run(bed.run(Duration.ofMinutes(1)));

    assertThat(seen.memorySource()).isEqualTo("metrics-server");
    assertThat(seen.memoryDefinition()).startsWith("COARSE").contains("probe sidecar is turned off");
    assertThat(seen.samples()).isNotEmpty().allSatisfy(s -> assertThat(s.currentBytes()).isEqualTo(41_943_040L));
    assertThat(seen.totals()).isEmpty();
    assertThat(seen.exitCode()).contains(0);
    assertThat(seen.events().doneAt()).isPresent();
    // no sidecar, no hostPath: nothing of the node's is mounted
    assertThat(bed.runObjects(backend)).isEmpty();
  }

  @Test
  void anImageThatCannotBePulledStopsTheExperimentSayingWhy() throws Exception {
    KubernetesBackend backend = bed.open(Map.of(), job -> script(List.of(step(50,
        waiting("ErrImagePull", "pull access denied for localhost:5001/faremark-workload-java")))));

    assertThatThrownBy(() -> backend.run(bed.run(Duration.ofMinutes(1))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("ErrImagePull").hasMessageContaining("pull access denied")
        .hasMessageContaining("localhost:5001");
    assertThat(bed.runObjects(backend)).isEmpty();
  }

  @Test
  void aPodThatAdmissionRefusesStopsTheExperimentWithTheControllersReason() throws Exception {
    KubernetesBackend backend = bed.open(Map.of(), job -> {
      // the Job controller's event when the namespace's Pod Security level forbids the hostPath
      client.v1().events().inNamespace(job.getMetadata().getNamespace()).resource(
          new io.fabric8.kubernetes.api.model.EventBuilder().withNewMetadata()
              .withName(job.getMetadata().getName() + ".1").endMetadata()
              .withNewInvolvedObject().withKind("Job").withName(job.getMetadata().getName())
              .withNamespace(job.getMetadata().getNamespace()).endInvolvedObject()
              .withReason("FailedCreate").withType("Warning")
              .withMessage("Error creating: pods \"x\" is forbidden: violates PodSecurity"
                  + " \"baseline:latest\": hostPath volumes (volume \"cgroup\")").build()).create();
      return null;
    });

    assertThatThrownBy(() -> backend.run(bed.run(Duration.ofMinutes(1))))
        .isInstanceOf(IOException.class).hasMessageContaining("violates PodSecurity")
        .hasMessageContaining("docs/kubernetes.md");
    assertThat(bed.runObjects(backend)).isEmpty();
  }

  @Test
  void aPodThatIsNeverScheduledStopsAtTheStartLimit() throws Exception {
    KubernetesBackend backend = bed.open(Map.of(KubernetesSettings.START_LIMIT, "1"),
        job -> script(List.of()));

    assertThatThrownBy(() -> backend.run(bed.run(Duration.ofMinutes(1))))
        .isInstanceOf(IOException.class).hasMessageContaining("did not start within 1 s");
    assertThat(bed.runObjects(backend)).isEmpty();
  }

  @Test
  void aRunPastItsTimeoutIsKilledAndKeepsWhatItSaid() throws Exception {
    KubernetesBackend backend = bed.open(Map.of(), job -> script(List.of(step(20, running()))));

    RunObservation seen = backend.run(bed.run(Duration.ofMillis(300)));

    assertThat(seen.timedOut()).isTrue();
    assertThat(seen.exitCode()).isEmpty();
    assertThat(seen.events().readyAt()).isPresent();
    assertThat(bed.runObjects(backend)).isEmpty();
  }

  @Test
  void ctrlCKillsTheRunningPodAndTheRunIsInterrupted() throws Exception {
    KubernetesBackend backend = bed.open(Map.of(), job -> script(List.of(step(20, running()))));
    WorkloadRun run = bed.run(Duration.ofMinutes(5));
    Thread[] runner = new Thread[1];
    CompletableFuture<RunObservation> seen = CompletableFuture.supplyAsync(() -> {
      runner[0] = Thread.currentThread();
      try {
        return backend.run(run);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> client.pods()
        .inNamespace(backend.namespace()).withLabel(KubeLabels.ROLE, KubeLabels.ROLE_RUN).list().getItems()
        .stream().anyMatch(p -> RunPodState.of(p, RunManifests.WORKLOAD, true) instanceof RunPodState.Running));

    runner[0].interrupt();

    assertThat(seen.get().interrupted()).isTrue();
    assertThat(bed.runObjects(backend)).isEmpty();
  }
}
