package faremark.orchestrator.backend.docker;

import faremark.contract.model.ModelDeclaration;
import faremark.contract.model.PythonImplementation;
import faremark.fareserver.FareServerArgs;
import faremark.fareserver.FareServerConfig;
import faremark.orchestrator.backend.Backend;
import faremark.orchestrator.backend.ModelLaunch;
import faremark.orchestrator.backend.RunObservation;
import faremark.orchestrator.backend.Stage;
import faremark.orchestrator.backend.WorkloadRun;
import faremark.orchestrator.model.Models;
import faremark.workload.JavaModels;
import faremark.orchestrator.network.NetworkShaping;
import faremark.orchestrator.network.ProxyAddresses;
import faremark.orchestrator.python.PythonPlan;
import faremark.orchestrator.scenario.FileBudget;
import faremark.orchestrator.scenario.MachineFacts;
import faremark.orchestrator.scenario.Scenario;
import faremark.orchestrator.scenario.ScenarioLimits;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The docker backend: the fare server and the proxy (Toxiproxy, or the shaper image standing in
 * for it) in containers of their own, every run in a fresh container with the scenario's memory
 * limit, its cgroup sampled on the host. Everything it creates is labelled with the experiment
 * and removed on close; a crashed earlier run's leftovers are removed when it opens.
 */
public final class DockerBackend implements Backend {
  public static final String ID = "docker";
  private static final int SERVER_PORT = 8080;
  private static final int PROXY_API_PORT = 8474;
  private static final Duration READY_LIMIT = Duration.ofSeconds(60);

  private final DockerEngine engine;
  private final DockerSettings settings;
  private final String experiment;
  private final Images images;
  private final CpuPlan cpus;
  private final WorkloadContainer workloads;
  private final ProjectImages built;
  private ExperimentNetwork network;
  private ServiceContainer proxy;
  private PythonPlan python = PythonPlan.none();

  /**
   * The images an experiment needs, resolved or built before anything runs.
   *
   * @param workloadPython the Python workload image of each implementation the scenario needs
   *     and could have
   * @param noPython why an implementation the scenario needs has no image (its models are
   *     skipped with this)
   */
  record Images(ImageRef fareServer, ImageRef proxy, boolean realToxiproxy,
      Optional<ImageRef> workloadJava, Map<PythonImplementation, ImageRef> workloadPython,
      Map<PythonImplementation, String> noPython, Map<String, ImageRef> bases) {}

  private DockerBackend(DockerEngine engine, DockerSettings settings, String experiment,
      Images images, ProjectImages built) {
    this.engine = engine;
    this.settings = settings;
    this.experiment = experiment;
    this.images = images;
    this.built = built;
    this.cpus = CpuPlan.of(engine.cpus());
    this.workloads = new WorkloadContainer(engine.client(), new ContainerCgroups(),
        Optional.of(engine.host()));
  }

  /**
   * Removes an earlier run's leftovers, resolves the base images and builds the project's images
   * the scenario needs (cached by content).
   *
   * @throws BaseImages.Missing when a base image cannot be had; nothing is left behind
   */
  public static DockerBackend open(DockerEngine engine, DockerSettings settings, Path projectDir,
      Scenario scenario, PrintStream out) throws IOException, BaseImages.Missing {
    List<String> removed = new Leftovers(engine.client()).removeOrphans();
    if (!removed.isEmpty()) {
      out.println("removed " + String.join(", ", removed) + " left by an earlier faremark run");
    }
    BaseImages bases = new BaseImages(engine.client());
    ProjectImages project = new ProjectImages(engine.client(), ProjectDir.find(projectDir),
        settings.network() == DockerSettings.NetworkMode.HOST);
    Map<String, ImageRef> baseRefs = new LinkedHashMap<>();
    ImageRef jre = bases.jre(settings.jreImage());
    baseRefs.put("jre", jre);
    boolean java = scenario.models().stream().anyMatch(m -> !Models.isPython(m));
    // A missing CPython base fails the experiment as before; a missing PyPy base only skips the
    // PyPy models (there is no public default for it), saying how to get one.
    Map<PythonImplementation, ImageRef> pythonBases = new EnumMap<>(PythonImplementation.class);
    Map<PythonImplementation, String> noPython = new EnumMap<>(PythonImplementation.class);
    for (PythonImplementation implementation : implementations(scenario)) {
      switch (implementation) {
        case CPYTHON -> pythonBases.put(implementation, bases.python(settings.pythonImage()));
        case PYPY -> {
          try {
            pythonBases.put(implementation, bases.pypy(settings.pypyImage()));
          } catch (BaseImages.Missing e) {
            noPython.put(implementation, e.getMessage());
          }
        }
      }
    }
    pythonBases.forEach((i, b) -> baseRefs.put(i == PythonImplementation.CPYTHON ? "python" : i.id(), b));
    List<String> why = new ArrayList<>();
    Optional<ImageRef> toxiproxy = bases.toxiproxy(settings.proxyImage(), why);
    out.println("docker images: building what is not cached yet");
    ImageRef fareServer = project.image(ImageRecipe.FARE_SERVER, jre);
    ImageRef proxy = toxiproxy.isPresent() ? toxiproxy.get() : project.image(ImageRecipe.SHAPER, jre);
    if (toxiproxy.isEmpty()) {
      out.println("proxy: the shaper image stands in for Toxiproxy (" + String.join("; ", why) + ")");
    }
    Optional<ImageRef> workloadJava = java
        ? Optional.of(project.image(ImageRecipe.WORKLOAD_JAVA, jre)) : Optional.empty();
    Map<PythonImplementation, ImageRef> workloadPython = new EnumMap<>(PythonImplementation.class);
    for (Map.Entry<PythonImplementation, ImageRef> base : pythonBases.entrySet()) {
      workloadPython.put(base.getKey(), project.image(recipe(base.getKey()), base.getValue()));
    }
    Images images = new Images(fareServer, proxy, toxiproxy.isPresent(), workloadJava, workloadPython,
        noPython, baseRefs);
    String experiment = "faremark-" + ProcessHandle.current().pid() + "-"
        + Long.toString(System.currentTimeMillis(), 36);
    return new DockerBackend(engine, settings, experiment, images, project);
  }

  /** The Python implementations whose models the scenario asks for. */
  private static Set<PythonImplementation> implementations(Scenario scenario) {
    Set<PythonImplementation> out = EnumSet.noneOf(PythonImplementation.class);
    scenario.models().forEach(m -> Models.find(m).flatMap(ModelDeclaration::python)
        .ifPresent(p -> out.add(p.implementation())));
    return out;
  }

  /** The workload image of each implementation's models (the same sources in each). */
  static ImageRecipe recipe(PythonImplementation implementation) {
    return switch (implementation) {
      case CPYTHON -> ImageRecipe.WORKLOAD_PYTHON;
      case PYPY -> ImageRecipe.WORKLOAD_PYPY;
    };
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String memoryDescription() {
    return "each run's container cgroup, read on the host (cgroup v"
        + engine.cgroupVersion().orElse("?") + ", " + engine.cgroupDriver().orElse("?")
        + " driver); the engine's stats API where it is not visible";
  }

  @Override
  public Map<String, Object> environment() {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("engine", engine.describe());
    env.put("serverVersion", engine.serverVersion());
    env.put("apiVersion", engine.apiVersion());
    env.put("engineOs", engine.operatingSystem());
    env.put("cgroupVersion", engine.cgroupVersion().orElse(null));
    env.put("cgroupDriver", engine.cgroupDriver().orElse(null));
    env.put("network", settings.network().id());
    env.put("cpus", cpus.record());
    env.put("experimentLabel", experiment);
    Map<String, Object> imgs = new LinkedHashMap<>();
    images.bases().forEach((k, v) -> imgs.put("base-" + k, v));
    imgs.put("fare-server", images.fareServer());
    imgs.put(images.realToxiproxy() ? "toxiproxy" : "proxy (shaper)", images.proxy());
    images.workloadJava().ifPresent(i -> imgs.put("workload-java", i));
    images.workloadPython().forEach((i, ref) -> imgs.put(recipe(i).name(), ref));
    env.put("images", imgs);
    return env;
  }

  @Override
  public Stage stage(Scenario scenario) throws IOException {
    MachineFacts machine = MachineFacts.here();
    Optional<String> tooMany = FileBudget.plan(ScenarioLimits.connectionsAtOnce(scenario.job(),
        scenario.client()), machine).oneProxyProcess(machine);
    if (tooMany.isPresent()) {
      throw new IOException(tooMany.get());
    }
    boolean bridge = settings.network() == DockerSettings.NetworkMode.BRIDGE;
    network = bridge
        ? ExperimentNetwork.bridge(engine.client(), experiment, Labels.of(experiment, "network"))
        : ExperimentNetwork.host();
    String bind = bridge ? "0.0.0.0" : "127.0.0.1";
    int serverPort = bridge ? SERVER_PORT : FreePort.pick();
    FareServerConfig c = scenario.serverConfig();
    FareServerConfig inContainer = new FareServerConfig(bind, serverPort, c.seed(), c.payload(),
        c.serviceTime(), c.limits(), c.ioThreads());
    ServiceContainer server = ServiceContainer.start(engine.client(), network, new ServiceContainer.Spec(
        images.fareServer(), experiment + "-fare-server", "fare-server", FareServerArgs.of(inContainer),
        serverPort, Labels.of(experiment, "fare-server"), cpus.infra(), new HttpReady("/health", READY_LIMIT)));
    ContainerFareService fares = new ContainerFareService(server, engine.host());
    try {
      int apiPort = bridge ? PROXY_API_PORT : FreePort.pick();
      proxy = ServiceContainer.start(engine.client(), network, new ServiceContainer.Spec(
          images.proxy(), experiment + "-proxy", "toxiproxy",
          // -seed: the toxics' random draws as the embedded shaper's (Toxiproxy has the flag too)
          List.of("-host", bind, "-port", Integer.toString(apiPort), "-seed", Long.toString(c.seed())),
          apiPort,
          Labels.of(experiment, "proxy"), cpus.infra(), new HttpReady("/version", READY_LIMIT)));
      ProxyAddresses addresses = bridge
          ? new ProxyAddresses("0.0.0.0:0", "fare-server:" + serverPort, "toxiproxy")
          : ProxyAddresses.loopback("127.0.0.1:" + serverPort);
      String owner = (images.realToxiproxy() ? "Toxiproxy" : "shaper") + " container "
          + proxy.name() + " (" + images.proxy().reference() + ")";
      NetworkShaping shaping = NetworkShaping.start(scenario.network(), proxy.hostUri(), owner, addresses);
      return new Stage(fares, shaping, shaping.target());
    } catch (IOException | RuntimeException e) {
      fares.close();
      throw e;
    }
  }

  @Override
  public RunObservation run(WorkloadRun run) throws IOException {
    Optional<ImageRef> image = switch (run.launch()) {
      case ModelLaunch.Java j -> images.workloadJava();
      case ModelLaunch.Python p -> Optional.ofNullable(images.workloadPython().get(p.implementation()));
      case ModelLaunch.External e -> Optional.empty(); // refused before the experiment started
    };
    if (image.isEmpty()) {
      throw new IOException("model " + run.model() + " has no image in this experiment");
    }
    List<String> command = run.launch().command(ModelLaunch.Layout.IMAGE, WorkloadContainer.SPEC_PATH);
    return workloads.run(run, image.get(), command, experiment + "-" + run.name(), network,
        Labels.of(experiment, "run"), cpus.workload());
  }

  /**
   * Every model the images carry (externals were refused before): the Python models whose
   * libraries load on their image's interpreter (checked in a throw-away container of each image,
   * as the local backend checks this machine's; skipped with the library's own error otherwise)
   * and the Java models of the workload jar. A Java model declared in another jar or class folder
   * runs on the local backend only, and is skipped here with that reason.
   */
  @Override
  public List<String> runnable(Scenario scenario, PrintStream out, PrintStream err) {
    python = PythonPlan.check(scenario,
        new ImageProbe(engine.client(), images.workloadPython(), images.noPython(), experiment), false);
    python.report(out, err);
    List<String> runnable = new ArrayList<>();
    for (String model : python.runnable(scenario.models())) {
      if (Models.isPython(model) || JavaModels.shipped(model)) {
        runnable.add(model);
      } else {
        out.println("skipped " + model + ": declared outside the workload jar, which is all the"
            + " workload image holds; it runs on the local backend");
      }
    }
    return runnable;
  }

  /**
   * {@code python.json} with what each image's interpreter offers; the code that runs is in the
   * images, recorded by id in environment.json.
   */
  @Override
  public void prepare(Path resultsDir) throws IOException {
    python.prepare(resultsDir);
  }

  /**
   * Removes the proxy container and the network (the runner has closed the fare server and the
   * proxy's proxy by now), then anything else with this experiment's label, then the images if
   * asked to.
   */
  @Override
  public void close() {
    try {
      if (proxy != null) {
        proxy.close();
      }
      if (network != null) {
        network.close();
      }
      new Leftovers(engine.client()).removeExperiment(experiment);
      if (settings.removeImages()) {
        built.removeAll();
      }
    } finally {
      engine.close();
    }
  }
}
