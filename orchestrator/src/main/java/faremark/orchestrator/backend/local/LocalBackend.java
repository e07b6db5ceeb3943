package faremark.orchestrator.backend.local;

import faremark.orchestrator.backend.Backend;
import faremark.orchestrator.backend.FareService;
import faremark.orchestrator.backend.ModelLaunch;
import faremark.orchestrator.backend.RunObservation;
import faremark.orchestrator.backend.Stage;
import faremark.orchestrator.backend.WorkloadRun;
import faremark.orchestrator.network.NetworkShaping;
import faremark.orchestrator.network.ProxyAddresses;
import faremark.orchestrator.network.ToxiproxyApi;
import faremark.orchestrator.results.ResultsLayout;
import faremark.orchestrator.scenario.FileBudget;
import faremark.orchestrator.scenario.MachineFacts;
import faremark.orchestrator.scenario.ScenarioLimits;
import faremark.orchestrator.python.PythonPlan;
import faremark.orchestrator.scenario.Scenario;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The local backend: each run an OS process tree in its own memory cgroup (or, without one, its
 * RSS from /proc); the fare server and the proxy in this JVM, or a Toxiproxy someone else runs.
 * Where this process cannot hold the descriptors of every connection in flight ({@link
 * FileBudget}), the fare server and the proxy run as child processes on loopback instead, the
 * proxy over as many shaper processes sharing its port as the budget needs.
 */
public final class LocalBackend implements Backend {
  public static final String ID = "local";

  private final CgroupSupport cgroups;
  private final LocalRunExecutor executor;
  private PythonPlan python = PythonPlan.none();
  private FileBudget budget;
  private Path log;

  private LocalBackend(CgroupSupport cgroups, Path projectDir) {
    this.cgroups = cgroups;
    this.executor = new LocalRunExecutor(cgroups, projectDir);
  }

  /** Finds the cgroup support and removes cgroups an earlier, killed run left behind. */
  public static LocalBackend open(Path projectDir, PrintStream out) {
    CgroupSupport cgroups = CgroupSupport.detect();
    List<Path> stale = cgroups.removeStale();
    if (!stale.isEmpty()) {
      out.println("removed " + stale.size() + " cgroup(s) left by an earlier faremark run");
    }
    return new LocalBackend(cgroups, projectDir);
  }

  /** Python models that cannot run here are skipped with their reason. */
  @Override
  public List<String> runnable(Scenario scenario, PrintStream out, PrintStream err) {
    python = PythonPlan.check(scenario);
    budget = FileBudget.plan(ScenarioLimits.connectionsAtOnceAtMost(scenario),
        MachineFacts.here());
    python.report(out, err);
    if (!cgroups.available() && scenario.memoryLimit().isPresent()) {
      err.println("warning: run.memoryLimit " + scenario.memoryLimit().get()
          + " cannot be applied without a cgroup; runs are unlimited");
    }
    return python.runnable(scenario.models());
  }

  @Override
  public void prepare(Path resultsDir) throws IOException {
    log = resultsDir.resolve(ResultsLayout.LOG);
    python.prepare(resultsDir);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String memoryDescription() {
    return cgroups.describe();
  }

  /**
   * Where fare server and proxy run, when they run apart from this JVM (the common record already
   * names the java the workloads run on; today's layout adds nothing to it).
   */
  @Override
  public Map<String, Object> environment() {
    if (budget == null || budget.staging() == FileBudget.Staging.EMBEDDED) {
      return Map.of();
    }
    return Map.of("stage", Map.of("layout", "child processes", "proxyProcesses",
        budget.proxyProcesses(), "openFiles", budget.describe()));
  }

  @Override
  public Stage stage(Scenario scenario) throws IOException {
    boolean apart = budget != null && budget.staging() == FileBudget.Staging.PROCESSES;
    if (apart && log == null) {
      throw new IllegalStateException("stage() before prepare()");
    }
    FareService server = apart ? ChildFareService.start(scenario.serverConfig(), log)
        : EmbeddedFareService.start(scenario.serverConfig());
    try {
      NetworkShaping network = apart && scenario.network().proxyUrl().isEmpty()
          ? shapers(scenario, server)
          : NetworkShaping.start(scenario.network(), server.uri(), scenario.serverConfig().seed());
      try {
        // Server and proxy run in this JVM: warm them, or the first run pays for their JIT.
        Map<String, Object> warmup = new java.util.LinkedHashMap<>(
            StageWarmup.run(scenario, network.target(), server));
        warmup.put("console", StageWarmup.describe(warmup));
        return new Stage(server, network, network.target(), warmup);
      } catch (RuntimeException e) {
        network.close();
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** The proxy on the budget's shaper processes, all serving its one port. */
  private NetworkShaping shapers(Scenario scenario, FareService server) throws IOException {
    List<ToxiproxyApi> apis = ChildShapers.start(budget.proxyProcesses(),
        scenario.serverConfig().seed(), log);
    URI upstream = server.uri();
    return NetworkShaping.start(scenario.network(), apis,
        ProxyAddresses.loopback(upstream.getHost() + ":" + upstream.getPort()));
  }

  @Override
  public RunObservation run(WorkloadRun run) throws IOException {
    if (run.launch() instanceof ModelLaunch.Python && python.launcher().isEmpty()) {
      throw new IllegalStateException("Python model " + run.model() + " started before prepare()");
    }
    List<String> command = run.launch().command(layout(), run.specFile().toAbsolutePath().toString());
    return executor.execute(run.name(), command, run.runDir(), run.sampleInterval(),
        run.memoryLimit(), run.timeout(), run.released());
  }

  /** This machine's java and python; the workload's classes where this JVM loaded them from. */
  private ModelLaunch.Layout layout() {
    return ModelLaunch.Layout.classpath(JavaRuntime.command(), WorkloadClasspath.current(),
        python.executables(), python.launcher().orElse(""));
  }

  /** Removes the parent cgroups once no run is left in them. */
  @Override
  public void close() {
    cgroups.removeEmptyParents();
  }
}
