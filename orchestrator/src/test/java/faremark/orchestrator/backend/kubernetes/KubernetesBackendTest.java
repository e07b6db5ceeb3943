package faremark.orchestrator.backend.kubernetes;

import static faremark.orchestrator.backend.kubernetes.ScriptedKubelet.evicted;
import static faremark.orchestrator.backend.kubernetes.ScriptedKubelet.running;
import static faremark.orchestrator.backend.kubernetes.ScriptedKubelet.terminated;
import static faremark.orchestrator.backend.kubernetes.ScriptedKubelet.waiting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faremark.contract.ConnectionReuse;
import faremark.contract.Route;
import faremark.contract.WorkloadSpec;
import faremark.orchestrator.backend.EventLogTest;
import faremark.orchestrator.backend.ModelLaunch;
import faremark.orchestrator.backend.RunObservation;
import faremark.orchestrator.backend.WorkloadRun;
import faremark.orchestrator.backend.docker.ProbeLines;
import faremark.orchestrator.results.ResultsLayout;
import faremark.orchestrator.sampling.MemorySample;
import faremark.orchestrator.sampling.MemoryTotals;
import faremark.orchestrator.sampling.SamplerStats;
import faremark.orchestrator.scenario.Scenario;
import faremark.orchestrator.scenario.ScenarioLoader;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kubernetes backend against fabric8's mock API server in CRUD mode, with the Job
 * controller and the kubelet played by {@link ScriptedKubelet}: every state a run's pod can end
 * in, what the run's observation makes of it, and that nothing faremark made is left behind. No
 * cluster is reachable here; docs/kubernetes.md says what was and was not run against one.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesBackendTest {
  static KubernetesClient client;
  static KubernetesMockServer server;

  static final Instant T0 = Instant.parse("2026-12-03T10:00:00.100Z");
  static final String UID = "0b7e4c1e-1111-4222-8333-444455556666";

  @TempDir Path tmp;
  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closing.reversed()) {
      c.close();
    }
  }

  private KubernetesBackend open(Map<String, String> env, Function<io.fabric8.kubernetes.api.model.batch.v1.Job,
      ScriptedKubelet.Script> scripts) throws Exception {
    KubernetesSettings settings = KubernetesSettings.of(Optional.empty(), Optional.of("localhost:5001"),
        Optional.empty(), env);
    KubernetesBackend backend = KubernetesBackend.open(client, settings, images(), scenario(),
        new PrintStream(new ByteArrayOutputStream()), (c, ns) -> new NoAccess(), false);
    closing.add(backend);
    closing.add(new ScriptedKubelet(client, server, backend.namespace(), scripts));
    return backend;
  }

  static KubeImages images() {
    return new KubeImages("localhost:5001/faremark-fare-server@sha256:" + "1".repeat(64),
        "localhost:5001/faremark-shaper@sha256:" + "2".repeat(64),
        Optional.of("localhost:5001/faremark-workload-java@sha256:" + "3".repeat(64)), Map.of(),
        Optional.of("localhost:5001/faremark-probe@sha256:" + "4".repeat(64)), Map.of());
  }

  static Scenario scenario() throws Exception {
    return ScenarioLoader.load(Path.of("..", "scenarios", "seed.yaml").toAbsolutePath().normalize());
  }

  private WorkloadRun run(Duration timeout) throws IOException {
    WorkloadSpec spec = new WorkloadSpec("sequential", URI.create("http://proxy:8666"),
        new Route("PRG", "BRQ"), LocalDate.of(2018, 6, 1), 2, 1, ConnectionReuse.SHARED, 1,
        Duration.ofSeconds(5), Duration.ofSeconds(30), 1, Map.of());
    Path specFile = tmp.resolve("spec.json");
    Files.writeString(specFile, faremark.contract.Json.mapper().writeValueAsString(spec));
    return new WorkloadRun("rsequential-1", spec, specFile, tmp, new ModelLaunch.Java("sequential",
        List.of()), Duration.ofMillis(10), Optional.of(faremark.contract.DataSize.ofMiB(256)), timeout);
  }

  /** The probe's stdout as the kubelet serves it: 21 samples over 200 ms, totals, the end. */
  static String probeLog(long oomKills) {
    List<String> lines = new ArrayList<>();
    lines.add(at(0, ProbeLines.hello(T0, Duration.ofMillis(10), UID)));
    lines.add(at(0, ProbeLines.waiting()));
    lines.add(at(0, ProbeLines.cgroup("cgroup-v1", "/host/cgroup/memory/kubepods/pod" + UID + "/c0ffee")));
    lines.add(at(0, ProbeLines.definition("memory.usage_in_bytes of the container's cgroup.")));
    for (int i = 0; i <= 20; i++) {
      lines.add(at(i * 10, ProbeLines.sample(new MemorySample(Duration.ofMillis(i * 10L),
          10_000_000L + i * 100_000L, 8_000_000L + i * 100_000L, 1_000_000L))));
    }
    lines.add(at(205, ProbeLines.totals(new MemoryTotals(OptionalLong.of(12_500_000L), oomKills,
        OptionalLong.of(0), Optional.of(Duration.ofMillis(150))))));
    lines.add(at(205, ProbeLines.stats(new SamplerStats(21, 0, 0, Duration.ofMillis(10),
        Optional.of(Duration.ofMillis(10)), Duration.ofNanos(5_000), Optional.empty()))));
    lines.add(at(210, ProbeLines.end("the container's cgroup is gone (the container stopped)")));
    return String.join("\n", lines) + "\n";
  }

  static String workloadLog() {
    return at(50, EventLogTest.ready()) + "\n" + at(60, "WARNING: a JVM warning on stderr") + "\n"
        + at(180, EventLogTest.done()) + "\n";
  }

  static String at(long ms, String text) {
    return T0.plusMillis(ms) + " " + text;
  }

  static ScriptedKubelet.Script script(List<ScriptedKubelet.Step> steps) {
    return new ScriptedKubelet.Script(steps, workloadLog(), probeLog(0), false);
  }

  static ScriptedKubelet.Step step(long afterMs, Function<io.fabric8.kubernetes.api.model.Pod,
      io.fabric8.kubernetes.api.model.PodStatus> status) {
    return new ScriptedKubelet.Step(afterMs, status);
  }

  @Test
  void aRunThatEndsIsReadFromItsPodOnTheNodesClockAndLeavesNothing() throws Exception {
    KubernetesBackend backend = open(Map.of(), job -> script(List.of(step(50, running()),
        step(100, terminated(0, "Completed")))));

    RunObservation seen = backend.run(run(Duration.ofMinutes(1)));

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
    assertThat(runObjects(backend)).isEmpty();
  }

  @Test
  void anOomKilledContainerIsAnOomKillEvenWhereTheKernelsCounterMissedIt() throws Exception {
    KubernetesBackend backend = open(Map.of(), job -> script(List.of(step(50, running()),
        step(100, terminated(137, "OOMKilled")))));

    RunObservation seen = backend.run(run(Duration.ofMinutes(1)));

    assertThat(seen.exitCode()).contains(137);
    assertThat(seen.totals().orElseThrow().oomKills()).isEqualTo(1);
    assertThat(runObjects(backend)).isEmpty();
  }

  @Test
  void anEvictedPodIsALostRunNotTheModelsFailure() throws Exception {
    KubernetesBackend backend = open(Map.of(), job -> script(List.of(step(50, running()),
        step(100, evicted()))));

    RunObservation seen = backend.run(run(Duration.ofMinutes(1)));

    assertThat(seen.failure()).hasValueSatisfying(f -> assertThat(f).contains("evicted")
        .contains("low on resource: memory"));
    assertThat(seen.exitCode()).isEmpty();
    assertThat(runObjects(backend)).isEmpty();
  }

  @Test
  void aPodDeletedUnderARunIsALostNode() throws Exception {
    // running for 800 ms (eight polls) before it goes: seen, then gone
    KubernetesBackend backend = open(Map.of(), job -> new ScriptedKubelet.Script(
        List.of(step(50, running()), step(800, running())), "", "", true));

    RunObservation seen = backend.run(run(Duration.ofMinutes(1)));

    assertThat(seen.failure()).hasValueSatisfying(f -> assertThat(f).contains("deleted"));
    assertThat(seen.memorySource()).isEqualTo("none");
    assertThat(runObjects(backend)).isEmpty();
  }

  @Test
  void aPodMadeAndDeletedBetweenTwoPollsIsALostRunNotAWaitForTheStartLimit() throws Exception {
    // gone as soon as made: faremark never sees it; the Job's failure says what happened. Were it
    // missed, the run would wait for the start limit and throw instead.
    KubernetesBackend backend = open(Map.of(), job -> new ScriptedKubelet.Script(
        List.of(), "", "", true));

    RunObservation seen = backend.run(run(Duration.ofMinutes(1)));

    assertThat(seen.failure()).hasValueSatisfying(f -> assertThat(f)
        .contains("before it was seen running").contains("BackoffLimitExceeded"));
    assertThat(seen.memorySource()).isEqualTo("none");
    assertThat(seen.exitCode()).isEmpty();
    assertThat(runObjects(backend)).isEmpty();
  }

  @Test
  void withoutTheProbeMemoryIsMetricsServersCoarseReadingClearlyLabelled() throws Exception {
    KubernetesBackend backend = open(Map.of(KubernetesSettings.PROBE, "off"), job ->
        new ScriptedKubelet.Script(List.of(step(50, running()), step(300, terminated(0, "Completed"))),
            workloadLog(), "", false, 41_943_040L));

    RunObservation seen = backend.run(run(Duration.ofMinutes(1)));

    assertThat(seen.memorySource()).isEqualTo("metrics-server");
    assertThat(seen.memoryDefinition()).startsWith("COARSE").contains("probe sidecar is turned off");
    assertThat(seen.samples()).isNotEmpty().allSatisfy(s -> assertThat(s.currentBytes()).isEqualTo(41_943_040L));
    assertThat(seen.totals()).isEmpty();
    assertThat(seen.exitCode()).contains(0);
    assertThat(seen.events().doneAt()).isPresent();
    // no sidecar, no hostPath: nothing of the node's is mounted
    assertThat(runObjects(backend)).isEmpty();
  }

  @Test
  void theStageIsTwoReadyPodsBehindServicesReachedOverTheAccessGiven() throws Exception {
    try (faremark.fareserver.FareServer fares = faremark.fareserver.FareServer.start(
            faremark.fareserver.FareServerConfig.defaults());
        faremark.shaper.Shaper shaper = faremark.shaper.Shaper.start(
            faremark.shaper.ShaperOptions.loopbackEphemeral())) {
      Map<String, URI> where = new java.util.concurrent.ConcurrentHashMap<>();
      KubernetesSettings settings = KubernetesSettings.of(Optional.empty(), Optional.of("localhost:5001"),
          Optional.empty(), Map.of());
      KubernetesBackend backend = KubernetesBackend.open(client, settings, images(), scenario(),
          new PrintStream(new ByteArrayOutputStream()), (c, ns) -> new ServiceAccess() {
            @Override
            public URI open(String pod, int port) {
              URI uri = pod.endsWith("-fare-server") ? fares.uri()
                  : URI.create("http://127.0.0.1:" + shaper.apiAddress().getPort());
              where.put(pod + ":" + port, uri);
              return uri;
            }

            @Override
            public String describe() {
              return "the test's own loopback servers";
            }

            @Override
            public void close() {}
          }, false);
      closing.add(backend);
      closing.add(new ScriptedKubelet(client, server, backend.namespace(), job -> script(List.of())));
      String ns = backend.namespace();

      try (var stage = new StageHolder(backend.stage(scenario()))) {
        String exp = backend.experiment();
        assertThat(where).containsOnlyKeys(exp + "-fare-server:8080", exp + "-proxy:8474");
        assertThat(stage.stage().workloadTarget()).isEqualTo(URI.create("http://" + exp + "-proxy:8666"));
        assertThat(stage.stage().server().stats()).isNotNull();
        var services = client.services().inNamespace(ns).list().getItems();
        assertThat(services).extracting(sv -> sv.getMetadata().getName())
            .containsExactlyInAnyOrder(exp + "-fare-server", exp + "-proxy");
        for (var pod : client.pods().inNamespace(ns).list().getItems()) {
          assertThat(ManifestCheck.problems(pod)).isEmpty();
          assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
          assertThat(pod.getMetadata().getOwnerReferences()).singleElement()
              .satisfies(o -> assertThat(o.getName()).isEqualTo(exp));
        }
        var proxy = new eu.rekawek.toxiproxy.ToxiproxyClient("127.0.0.1", shaper.apiAddress().getPort())
            .getProxies().getFirst();
        assertThat(proxy.getUpstream()).isEqualTo(exp + "-fare-server:8080");
        assertThat(proxy.getListen()).endsWith(":8666");
      }
    }
  }

  /** Closes a stage's server and network, as the runner does. */
  record StageHolder(faremark.orchestrator.backend.Stage stage) implements AutoCloseable {
    @Override
    public void close() {
      stage.network().close();
      stage.server().close();
    }
  }

  @Test
  void anImageThatCannotBePulledStopsTheExperimentSayingWhy() throws Exception {
    KubernetesBackend backend = open(Map.of(), job -> script(List.of(step(50,
        waiting("ErrImagePull", "pull access denied for localhost:5001/faremark-workload-java")))));

    assertThatThrownBy(() -> backend.run(run(Duration.ofMinutes(1))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("ErrImagePull").hasMessageContaining("pull access denied")
        .hasMessageContaining("localhost:5001");
    assertThat(runObjects(backend)).isEmpty();
  }

  @Test
  void aPodThatAdmissionRefusesStopsTheExperimentWithTheControllersReason() throws Exception {
    KubernetesBackend backend = open(Map.of(), job -> {
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

    assertThatThrownBy(() -> backend.run(run(Duration.ofMinutes(1))))
        .isInstanceOf(IOException.class).hasMessageContaining("violates PodSecurity")
        .hasMessageContaining("docs/kubernetes.md");
    assertThat(runObjects(backend)).isEmpty();
  }

  @Test
  void aPodThatIsNeverScheduledStopsAtTheStartLimit() throws Exception {
    KubernetesBackend backend = open(Map.of(KubernetesSettings.START_LIMIT, "1"),
        job -> script(List.of()));

    assertThatThrownBy(() -> backend.run(run(Duration.ofMinutes(1))))
        .isInstanceOf(IOException.class).hasMessageContaining("did not start within 1 s");
    assertThat(runObjects(backend)).isEmpty();
  }

  @Test
  void aRunPastItsTimeoutIsKilledAndKeepsWhatItSaid() throws Exception {
    KubernetesBackend backend = open(Map.of(), job -> script(List.of(step(20, running()))));

    RunObservation seen = backend.run(run(Duration.ofMillis(300)));

    assertThat(seen.timedOut()).isTrue();
    assertThat(seen.exitCode()).isEmpty();
    assertThat(seen.events().readyAt()).isPresent();
    assertThat(runObjects(backend)).isEmpty();
  }

  @Test
  void ctrlCKillsTheRunningPodAndTheRunIsInterrupted() throws Exception {
    KubernetesBackend backend = open(Map.of(), job -> script(List.of(step(20, running()))));
    WorkloadRun run = run(Duration.ofMinutes(5));
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
    assertThat(runObjects(backend)).isEmpty();
  }

  @Test
  void closingDeletesTheExperimentsOwnNamespace() throws Exception {
    KubernetesBackend backend = open(Map.of(), job -> script(List.of()));
    String namespace = backend.namespace();
    assertThat(client.namespaces().withName(namespace).get().getMetadata().getLabels())
        .containsEntry(KubeLabels.CREATED_NAMESPACE, "true");

    backend.close();

    assertThat(client.namespaces().withName(namespace).get()).isNull();
  }

  @Test
  void inAGivenNamespaceClosingDeletesEveryObjectOfTheExperimentAndNothingElse() throws Exception {
    client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
        .withName("team").endMetadata().build()).createOr(n -> n.update());
    client.configMaps().inNamespace("team").resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
        .withNewMetadata().withName("someone-elses").endMetadata().build()).createOr(c -> c.update());
    KubernetesSettings settings = KubernetesSettings.of(Optional.of("team"), Optional.of("localhost:5001"),
        Optional.empty(), Map.of());
    KubernetesBackend backend = KubernetesBackend.open(client, settings, images(), scenario(),
        new PrintStream(new ByteArrayOutputStream()), (c, ns) -> new NoAccess(), false);
    String experiment = backend.experiment();
    assertThat(client.configMaps().inNamespace("team").withName(experiment).get()).isNotNull();

    backend.close();

    assertThat(client.configMaps().inNamespace("team").withLabel(KubeLabels.EXPERIMENT, experiment)
        .list().getItems()).isEmpty();
    assertThat(client.configMaps().inNamespace("team").withName("someone-elses").get()).isNotNull();
    assertThat(client.namespaces().withName("team").get()).isNotNull();
  }

  @Test
  void theNextStartRemovesDeadExperimentsAndLeavesLiveOnes() throws Exception {
    client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
        .withName("shared").endMetadata().build()).createOr(n -> n.update());
    ConfigMap dead = elsewhere("fm-dead", Instant.now().minus(Duration.ofMinutes(30)));
    ConfigMap live = elsewhere("fm-live", Instant.now().minus(Duration.ofMinutes(1)));
    for (ConfigMap c : List.of(dead, live)) {
      client.configMaps().inNamespace("shared").resource(c).create();
      client.pods().inNamespace("shared").resource(new io.fabric8.kubernetes.api.model.PodBuilder()
          .withNewMetadata().withName(c.getMetadata().getName() + "-fare-server")
          .withLabels(c.getMetadata().getLabels()).endMetadata()
          .withNewSpec().addNewContainer().withName("x").withImage("x").endContainer().endSpec().build())
          .create();
    }

    open(Map.of(), job -> script(List.of()));

    assertThat(client.pods().inNamespace("shared").withLabel(KubeLabels.EXPERIMENT, "fm-dead").list()
        .getItems()).isEmpty();
    assertThat(client.configMaps().inNamespace("shared").withName("fm-dead").get()).isNull();
    assertThat(client.pods().inNamespace("shared").withLabel(KubeLabels.EXPERIMENT, "fm-live").list()
        .getItems()).hasSize(1);
    assertThat(client.configMaps().inNamespace("shared").withName("fm-live").get()).isNotNull();
  }

  /** An experiment object made on another machine, its heartbeat last renewed at {@code beat}. */
  private static ConfigMap elsewhere(String experiment, Instant beat) {
    ConfigMap c = StageManifests.experiment("shared", experiment, "seed", beat);
    c.getMetadata().getLabels().put(KubeLabels.OWNER_HOST, "another-machine");
    return c;
  }

  /** What is left of runs: Jobs, their pods, their spec ConfigMaps. */
  private static List<String> runObjects(KubernetesBackend backend) {
    List<String> left = new ArrayList<>();
    String ns = backend.namespace();
    client.batch().v1().jobs().inNamespace(ns).list().getItems()
        .forEach(j -> left.add("job " + j.getMetadata().getName()));
    client.pods().inNamespace(ns).withLabel(KubeLabels.ROLE, KubeLabels.ROLE_RUN).list().getItems()
        .forEach(p -> left.add("pod " + p.getMetadata().getName()));
    client.configMaps().inNamespace(ns).withLabel(KubeLabels.ROLE, KubeLabels.ROLE_RUN).list().getItems()
        .forEach(c -> left.add("configmap " + c.getMetadata().getName()));
    return left;
  }

  /** Runs need no port of the stage: a test that asks for one has a bug. */
  static final class NoAccess implements ServiceAccess {
    @Override
    public URI open(String pod, int port) {
      throw new AssertionError("no port of " + pod + " should be needed here");
    }

    @Override
    public String describe() {
      return "none";
    }

    @Override
    public void close() {}
  }
}
