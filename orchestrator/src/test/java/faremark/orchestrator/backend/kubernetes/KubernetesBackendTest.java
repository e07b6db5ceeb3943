package faremark.orchestrator.backend.kubernetes;

import static faremark.orchestrator.backend.kubernetes.KubeTestBed.images;
import static faremark.orchestrator.backend.kubernetes.KubeTestBed.scenario;
import static faremark.orchestrator.backend.kubernetes.KubeTestBed.script;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kubernetes backend's experiment against fabric8's mock API server in CRUD mode, with the
 * kubelet played by {@link ScriptedKubelet}: the stage, the experiment's namespace or its objects
 * in a given one, and the next start's sweep of dead experiments. Its runs are
 * {@link KubeRunTest}'s. No cluster is reachable here; docs/kubernetes.md says what was and was not
 * run against one.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesBackendTest {
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
      bed.closeAfter(backend);
      bed.closeAfter(new ScriptedKubelet(client, server, backend.namespace(), job -> script(List.of())));
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
  void closingDeletesTheExperimentsOwnNamespace() throws Exception {
    KubernetesBackend backend = bed.open(Map.of(), job -> script(List.of()));
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
        new PrintStream(new ByteArrayOutputStream()), (c, ns) -> new KubeTestBed.NoAccess(), false);
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

    bed.open(Map.of(), job -> script(List.of()));

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
}
