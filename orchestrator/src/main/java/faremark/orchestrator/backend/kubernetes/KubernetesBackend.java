package faremark.orchestrator.backend.kubernetes;

import faremark.fareserver.FareServerArgs;
import faremark.fareserver.FareServerConfig;
import faremark.orchestrator.backend.Backend;
import faremark.orchestrator.backend.ModelLaunch;
import faremark.orchestrator.backend.RunObservation;
import faremark.orchestrator.backend.Stage;
import faremark.orchestrator.backend.WorkloadRun;
import faremark.orchestrator.model.Models;
import faremark.orchestrator.network.NetworkShaping;
import faremark.orchestrator.network.ProxyAddresses;
import faremark.orchestrator.scenario.Scenario;
import faremark.workload.JavaModels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The kubernetes backend: the fare server and the proxy as pods behind services, every run a Job
 * of one Guaranteed pod with the scenario's memory limit, sampled at the scenario's interval by a
 * probe sidecar reading the node's cgroup tree. Everything is labelled with the experiment and
 * owned by its experiment object; closing deletes it all (the namespace, where faremark made
 * one), and the next start deletes what a killed faremark left.
 */
public final class KubernetesBackend implements Backend {
  public static final String ID = "kubernetes";
  /** How long the stage's pods may take to be ready (scheduling and pulling included). */
  static final Duration STAGE_READY = Duration.ofMinutes(5);

  private final KubernetesClient client;
  private final KubernetesSettings settings;
  private final KubeImages images;
  private final String namespace;
  private final boolean ownNamespace;
  private final String experiment;
  private final OwnerReference owner;
  private final ServiceAccess access;
  private final KubeRun runs;
  private final Heartbeat heartbeat;
  private final boolean ownsClient;
  private int sequence;
  private volatile String lostBecause;

  private KubernetesBackend(KubernetesClient client, KubernetesSettings settings, KubeImages images,
      String namespace, boolean ownNamespace, String experiment, ConfigMap object,
      ServiceAccess access, boolean ownsClient) {
    this.client = client;
    this.ownsClient = ownsClient;
    this.settings = settings;
    this.images = images;
    this.namespace = namespace;
    this.ownNamespace = ownNamespace;
    this.experiment = experiment;
    this.owner = PodParts.ownedBy(object);
    this.access = access;
    this.runs = new KubeRun(client, namespace, experiment, owner, settings);
    this.heartbeat = Heartbeat.start(client, namespace, experiment);
  }

  /**
   * Removes dead experiments' leftovers, then makes this experiment's namespace (unless one is
   * given) and its experiment object. Nothing is left behind when it throws.
   *
   * @param access how this process will reach the stage's pods, given the namespace
   * @param ownsClient close the client with the backend (the provider's); false: the caller's
   */
  public static KubernetesBackend open(KubernetesClient client, KubernetesSettings settings,
      KubeImages images, Scenario scenario, PrintStream out,
      BiFunction<KubernetesClient, String, ServiceAccess> access, boolean ownsClient)
      throws IOException {
    KubeLeftovers leftovers = new KubeLeftovers(client);
    List<String> removed = leftovers.removeOrphans(Instant.now());
    if (!removed.isEmpty()) {
      out.println("removed " + String.join(", ", removed) + " left by an earlier faremark run");
    }
    String experiment = "fm-" + Long.toString(ProcessHandle.current().pid(), 36) + "-"
        + Long.toString(System.currentTimeMillis(), 36);
    String namespace = settings.namespace().orElse("faremark-" + experiment);
    boolean own = settings.namespace().isEmpty();
    try {
      if (own) {
        client.namespaces().resource(StageManifests.namespace(namespace, experiment)).create();
      }
      ConfigMap object = client.configMaps().inNamespace(namespace).resource(
          StageManifests.experiment(namespace, experiment, scenario.name(), Instant.now())).create();
      out.println("kubernetes: experiment " + experiment + " in namespace " + namespace
          + (own ? " (made for it)" : ""));
      return new KubernetesBackend(client, settings, images, namespace, own, experiment, object,
          access.apply(client, namespace), ownsClient);
    } catch (KubernetesClientException e) {
      if (own) {
        leftovers.deleteNamespace(namespace);
      } else {
        leftovers.removeExperiment(namespace, experiment);
      }
      throw new IOException("the cluster refused faremark's " + (own ? "namespace " : "objects in"
          + " namespace ") + namespace + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String memoryDescription() {
    return settings.probe()
        ? "each run's container cgroup, read on its node by a probe sidecar in the run's pod"
            + " (the node's cgroup tree mounted read-only)"
        : "not sampled: the probe sidecar is off (" + KubernetesSettings.PROBE + "=off)";
  }

  @Override
  public Map<String, Object> environment() {
    Map<String, Object> k = new LinkedHashMap<>();
    k.put("apiServer", String.valueOf(client.getMasterUrl()));
    try {
      k.put("version", client.getKubernetesVersion().getGitVersion());
    } catch (KubernetesClientException | NullPointerException e) {
      k.put("version", "unknown (" + e.getMessage() + ")");
    }
    k.put("namespace", namespace);
    k.put("namespaceMadeForExperiment", ownNamespace);
    k.put("experiment", experiment);
    k.put("registry", settings.registry());
    k.put("images", images.record());
    k.put("runCpu", settings.runCpu().toString());
    k.put("runMemoryWithoutLimit", settings.defaultMemory().toString());
    k.put("placement", settings.onePerNode() ? "one run per node (pod anti-affinity)" : "any");
    k.put("nodeSelector", settings.nodeSelector());
    k.put("probe", settings.probe() ? "sidecar" : "off");
    return Map.of("kubernetes", k);
  }

  @Override
  public List<String> runnable(Scenario scenario, PrintStream out, PrintStream err) {
    List<String> runnable = new ArrayList<>();
    for (String model : scenario.models()) {
      ModelLaunch launch = ModelLaunch.of(scenario, model);
      Optional<String> why = Optional.empty();
      if (launch instanceof ModelLaunch.External) {
        why = Optional.of("an external command, which runs on the local backend only");
      } else if (image(launch).isEmpty()) {
        why = Optional.of("its " + (Models.isPython(model) ? "Python implementation" : "language")
            + " has no image in this experiment");
      } else if (!Models.isPython(model) && !JavaModels.shipped(model)) {
        why = Optional.of("declared outside the workload jar, which is all the workload image"
            + " holds; it runs on the local backend");
      }
      if (why.isPresent()) {
        out.println("skipped " + model + ": " + why.get());
      } else {
        runnable.add(model);
      }
    }
    return runnable;
  }

  @Override
  public void prepare(Path resultsDir) {
    // the code that runs is in the images, recorded by reference in environment.json
  }

  @Override
  public Stage stage(Scenario scenario) throws IOException {
    FareServerConfig c = scenario.serverConfig();
    FareServerConfig inPod = new FareServerConfig("0.0.0.0", StageManifests.SERVER_PORT, c.seed(),
        c.payload(), c.serviceTime(), c.limits(), c.ioThreads());
    String server = StageManifests.serverName(experiment);
    String proxy = StageManifests.proxyName(experiment);
    try {
      create(StageManifests.fareServer(namespace, experiment, images.fareServer(),
          FareServerArgs.of(inPod), owner));
      client.services().inNamespace(namespace).resource(service(StageManifests.service(namespace, experiment,
          KubeLabels.ROLE_FARE_SERVER, server, owner, Map.of("http", StageManifests.SERVER_PORT))))
          .create();
      create(StageManifests.proxy(namespace, experiment, images.proxy(), c.seed(), owner));
      client.services().inNamespace(namespace).resource(service(StageManifests.service(namespace, experiment,
          KubeLabels.ROLE_PROXY, proxy, owner, Map.of("api", StageManifests.PROXY_API_PORT,
              "proxy", StageManifests.PROXY_PORT)))).create();
    } catch (KubernetesClientException e) {
      throw new IOException("the cluster refused the stage's pods or services in namespace "
          + namespace + ": " + e.getMessage(), e);
    }
    StageReady.await(client, namespace, List.of(server, proxy), STAGE_READY);
    ForwardedFareService fares = new ForwardedFareService(access.open(server,
        StageManifests.SERVER_PORT), namespace + "/" + server);
    try {
      ProxyAddresses addresses = new ProxyAddresses("0.0.0.0:" + StageManifests.PROXY_PORT,
          server + ":" + StageManifests.SERVER_PORT, proxy);
      NetworkShaping shaping = NetworkShaping.start(scenario.network(),
          access.open(proxy, StageManifests.PROXY_API_PORT),
          "shaper pod " + namespace + "/" + proxy + " (" + images.proxy() + ", "
              + access.describe() + ")", addresses);
      return new Stage(fares, shaping, shaping.target());
    } catch (IOException | RuntimeException e) {
      fares.close();
      throw e;
    }
  }

  private static io.fabric8.kubernetes.api.model.Service service(
      io.fabric8.kubernetes.api.model.Service service) {
    return ManifestCheck.valid(service);
  }

  private void create(Pod pod) {
    client.pods().inNamespace(namespace).resource(ManifestCheck.valid(pod)).create();
  }

  @Override
  public RunObservation run(WorkloadRun run) throws IOException {
    Optional<String> image = image(run.launch());
    if (image.isEmpty()) {
      throw new IOException("model " + run.model() + " has no image in this experiment");
    }
    String job = experiment + "-" + (++sequence) + "-"
        + KubeLabels.dnsLabel(run.name(), Math.max(1, 52 - experiment.length() - 6));
    job = KubeLabels.dnsLabel(job, 52);
    Quantity memory = run.memoryLimit().map(l -> new Quantity(Long.toString(l.bytes())))
        .orElse(settings.defaultMemory());
    List<String> command = run.launch().command(ModelLaunch.Layout.IMAGE,
        RunManifests.SPEC_DIR + "/" + RunManifests.SPEC_FILE);
    RunManifests.Run manifest = new RunManifests.Run(job, run.name(), image.get(), command, memory,
        settings.runCpu(), settings.probe() ? images.probe() : Optional.empty(),
        run.sampleInterval(), settings.startLimit(),
        run.timeout().plus(settings.startLimit()).plusMinutes(1));
    return runs.run(run, manifest);
  }

  private Optional<String> image(ModelLaunch launch) {
    return switch (launch) {
      case ModelLaunch.Java j -> images.workloadJava();
      case ModelLaunch.Python p -> Optional.ofNullable(images.workloadPython().get(p.implementation()));
      case ModelLaunch.External e -> Optional.empty();
    };
  }

  /** The run just made: its pod, node and the node's kernel and runtime; its image. */
  @Override
  public Map<String, Object> engineRecord(String model) {
    Map<String, Object> where = new LinkedHashMap<>(runs.placement());
    where.put("namespace", namespace);
    return where;
  }

  @Override
  public Optional<String> lost() {
    if (lostBecause == null) {
      try {
        client.getKubernetesVersion();
      } catch (KubernetesClientException e) {
        lostBecause = "the cluster's API server at " + client.getMasterUrl() + " does not answer ("
            + e.getMessage() + ")";
      }
    }
    return Optional.ofNullable(lostBecause);
  }

  /**
   * Deletes the experiment: its namespace where faremark made it, else every object with its
   * label and its experiment object (the owner: the garbage collector takes whatever a
   * concurrent creation added after the listing).
   */
  @Override
  public void close() {
    heartbeat.close();
    access.close();
    try {
      KubeLeftovers leftovers = new KubeLeftovers(client);
      if (ownNamespace) {
        leftovers.deleteNamespace(namespace);
      } else {
        leftovers.removeExperiment(namespace, experiment);
      }
    } catch (KubernetesClientException e) {
      // the cluster is gone: the next start's sweep removes what it kept
    } finally {
      if (ownsClient) {
        client.close();
      }
    }
  }

  /** The namespace the experiment works in. */
  String namespace() {
    return namespace;
  }

  String experiment() {
    return experiment;
  }
}
