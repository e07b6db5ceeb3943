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
  /** Reads memory as the plan made at {@link #stage} says; the host's files before that. */
  private WorkloadContainer workloads;
  private MemoryPlan memory = MemoryPlan.host();
  private final ProjectImages built;
  private ExperimentNetwork network;
  private ServiceContainer proxy;
  private PythonPlan python = PythonPlan.none();
  /** Read once, when runs are spread over several engines (it takes a container). */
  private String cpuModel;
  /** Set once the engine is found gone: nothing more is asked of it but whether it is back. */
  private volatile String lostBecause;

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
    String cgroups = "cgroup v" + engine.cgroupVersion().orElse("?") + ", "
        + engine.cgroupDriver().orElse("?") + " driver";
    // Said before the stage resolves "auto" (it needs a running container): the setting, not
    // the outcome; each run's memory.source and definition say what was read.
    return switch (settings.memorySource()) {
      case PROBE -> "each run's container cgroup, read by a probe container beside it from the"
          + " engine host's cgroup tree (" + cgroups + "); the engine's stats API where the probe"
          + " cannot see it";
      case STATS -> "the engine's stats API (" + DockerSettings.MEMORY_SOURCE + "=stats)";
      case HOST -> "each run's container cgroup, read on the host (" + cgroups
          + "); the engine's stats API where it is not visible";
      case AUTO -> "each run's container cgroup, read on the host (" + cgroups + ") where this"
          + " process sees the engine's cgroups, else by a probe container beside it; the"
          + " engine's stats API where neither can";
    };
  }

  @Override
  public Map<String, Object> environment() {
    return EngineRecords.environment(engine, settings, cpus, experiment, images);
  }

  /** The engine this backend runs on. */
  DockerEngine engine() {
    return engine;
  }

  /**
   * The images another engine must have to build the same project images: the bases, and the
   * real Toxiproxy where this engine runs it (without it another engine would fall back to the
   * shaper, and the proxies would differ).
   */
  List<ImageRef> sharedImages() {
    List<ImageRef> shared = new ArrayList<>(images.bases().values());
    if (images.realToxiproxy()) {
      shared.add(images.proxy());
    }
    return shared;
  }

  /** Reads the engine's CPU model (a throw-away container), for the run records. */
  void readCpuModel() {
    cpuModel = EngineCpu.model(engine.client(), images.fareServer(), experiment, engine.host());
  }

  /** The engine and the exact images a run of {@code model} used there. */
  @Override
  public Map<String, Object> engineRecord(String model) {
    return EngineRecords.run(engine, cpuModel, images, model);
  }

  /**
   * Gone when a fresh connection is refused (a stopping dockerd first closes its socket) or a
   * ping fails; once gone, it stays gone for this experiment (its stage went with it).
   */
  @Override
  public Optional<String> lost() {
    if (lostBecause == null) {
      String why = null;
      if (!DockerEngine.acceptsConnections(engine.host())) {
        why = "the Docker engine at " + engine.host() + " no longer accepts connections";
      } else {
        try {
          engine.client().pingCmd().exec();
        } catch (RuntimeException e) {
          why = "the Docker engine at " + engine.host() + " does not answer (" + e.getMessage() + ")";
        }
      }
      lostBecause = why;
    }
    return Optional.ofNullable(lostBecause);
  }

  /**
   * What this experiment left on the engine once it was lost, removed if it answers now; empty
   * while it does not.
   */
  Optional<List<String>> removeIfBack() {
    if (!DockerEngine.acceptsConnections(engine.host())) {
      return Optional.empty();
    }
    try {
      engine.client().pingCmd().exec();
      return Optional.of(new Leftovers(engine.client()).removeExperiment(experiment));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  boolean wasLost() {
    return lostBecause != null;
  }

  @Override
  public Stage stage(Scenario scenario) throws IOException {
    MachineFacts machine = MachineFacts.here();
    Optional<String> tooMany = FileBudget.plan(ScenarioLimits.connectionsAtOnceAtMost(scenario),
        machine).oneProxyProcess(machine);
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
      // The fare server is the engine's first container: whether its cgroup is visible here
      // decides what "auto" reads.
      memory = MemoryPlan.resolve(settings.memorySource(),
          () -> MemoryPlan.hostSees(engine.client(), new ContainerCgroups(), server.id()),
          engine.cgroupVersion(), cpus.infra(), () -> built.image(ImageRecipe.PROBE, images.bases().get("jre")));
      workloads = workloads.reading(memory);
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
    if (lostBecause != null) {
      // Its containers went down with it; what it kept is removed by the caller once it
      // answers again, or by the next faremark start on it (Leftovers).
      engine.close();
      return;
    }
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
