package faremark.orchestrator.backend.kubernetes;

import faremark.contract.ConnectionReuse;
import faremark.contract.DataSize;
import faremark.contract.Json;
import faremark.contract.Route;
import faremark.contract.WorkloadSpec;
import faremark.orchestrator.backend.EventLogTest;
import faremark.orchestrator.backend.ModelLaunch;
import faremark.orchestrator.backend.WorkloadRun;
import faremark.orchestrator.backend.docker.ProbeLines;
import faremark.orchestrator.sampling.MemorySample;
import faremark.orchestrator.sampling.MemoryTotals;
import faremark.orchestrator.sampling.SamplerStats;
import faremark.orchestrator.scenario.Scenario;
import faremark.orchestrator.scenario.ScenarioLoader;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
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
import java.util.function.Function;

/**
 * What the kubernetes backend's tests share: a backend opened on fabric8's mock API server with
 * {@link ScriptedKubelet} playing the Job controller and the kubelet, a run to give it, the logs
 * its pod's containers serve, and what a run may leave behind. Closing it closes every backend
 * and kubelet it opened, the newest first.
 */
final class KubeTestBed implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-12-03T10:00:00.100Z");
  static final String UID = "0b7e4c1e-1111-4222-8333-444455556666";

  private final KubernetesClient client;
  private final KubernetesMockServer server;
  private final Path tmp;
  private final List<AutoCloseable> closing = new ArrayList<>();

  KubeTestBed(KubernetesClient client, KubernetesMockServer server, Path tmp) {
    this.client = client;
    this.server = server;
    this.tmp = tmp;
  }

  /** A backend in a namespace of its own with {@code env}, its runs' pods played by {@code scripts}. */
  KubernetesBackend open(Map<String, String> env, Function<Job, ScriptedKubelet.Script> scripts)
      throws Exception {
    KubernetesSettings settings = KubernetesSettings.of(Optional.empty(), Optional.of("localhost:5001"),
        Optional.empty(), env);
    KubernetesBackend backend = KubernetesBackend.open(client, settings, images(), scenario(),
        new PrintStream(new ByteArrayOutputStream()), (c, ns) -> new NoAccess(), false);
    closing.add(backend);
    closing.add(new ScriptedKubelet(client, server, backend.namespace(), scripts));
    return backend;
  }

  /** Closes {@code c} with the bed. */
  void closeAfter(AutoCloseable c) {
    closing.add(c);
  }

  /** Run 1 of the Java sequential model, 2 days, with {@code timeout}. */
  WorkloadRun run(Duration timeout) throws IOException {
    WorkloadSpec spec = new WorkloadSpec("sequential", URI.create("http://proxy:8666"),
        new Route("PRG", "BRQ"), LocalDate.of(2018, 6, 1), 2, 1, ConnectionReuse.SHARED, 1,
        Duration.ofSeconds(5), Duration.ofSeconds(30), 1, Map.of());
    Path specFile = tmp.resolve("spec.json");
    Files.writeString(specFile, Json.mapper().writeValueAsString(spec));
    return new WorkloadRun("rsequential-1", spec, specFile, tmp, new ModelLaunch.Java("sequential",
        List.of()), Duration.ofMillis(10), Optional.of(DataSize.ofMiB(256)), timeout);
  }

  /** What is left of runs: Jobs, their pods, their spec ConfigMaps. */
  List<String> runObjects(KubernetesBackend backend) {
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

  @Override
  public void close() throws Exception {
    for (AutoCloseable c : closing.reversed()) {
      c.close();
    }
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

  static ScriptedKubelet.Step step(long afterMs, Function<Pod,
      PodStatus> status) {
    return new ScriptedKubelet.Step(afterMs, status);
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
