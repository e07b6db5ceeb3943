package faremark.orchestrator.experiment;

import faremark.contract.DayAggregate;
import faremark.contract.WorkloadSpec;
import faremark.orchestrator.backend.Backend;
import faremark.orchestrator.backend.BackendProvider;
import faremark.orchestrator.backend.FareService;
import faremark.orchestrator.backend.ModelLaunch;
import faremark.orchestrator.backend.RunObservation;
import faremark.orchestrator.backend.Stage;
import faremark.orchestrator.backend.WorkloadRun;
import faremark.orchestrator.backend.local.JavaRuntime;
import faremark.orchestrator.lifecycle.Cleanup;
import faremark.orchestrator.lifecycle.LibraryLog;
import faremark.orchestrator.lifecycle.Watchdog;
import faremark.orchestrator.lifecycle.ShutdownGuard;
import faremark.orchestrator.network.NetworkShaping;
import faremark.orchestrator.output.SafeText;
import faremark.orchestrator.report.ReportWriter;
import faremark.orchestrator.results.ConsoleTable;
import faremark.orchestrator.results.EnvironmentRecord;
import faremark.orchestrator.results.ResultsException;
import faremark.orchestrator.results.ResultsFolder;
import faremark.orchestrator.results.ResultsLayout;
import faremark.orchestrator.results.InFlight;
import faremark.orchestrator.results.RunRecord;
import faremark.orchestrator.results.SweepPoint;
import faremark.orchestrator.results.Summary;
import faremark.orchestrator.results.sweep.SweepConsoleTable;
import faremark.orchestrator.scenario.MachineFacts;
import faremark.orchestrator.scenario.Scenario;
import faremark.orchestrator.scenario.Sweep;
import faremark.orchestrator.scenario.ScenarioException;
import faremark.orchestrator.scenario.ScenarioLoader;
import faremark.orchestrator.verify.ExpectedAnswerClient;
import faremark.orchestrator.verify.Verifier;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Runs one experiment end to end: scenario → fare server → network proxy (toxics) → every model
 * × repetition in isolation, each reaching the server only through the proxy → verification →
 * results folder and console table. Bad input is found before
 * anything starts; everything started is closed on success, failure and Ctrl-C.
 */
public final class ExperimentRunner {
  private final PrintStream out;
  private final PrintStream err;
  /** This experiment's results folder once made: named when a failure ends the experiment. */
  private Path resultsDir;

  public ExperimentRunner(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Returns the process exit code: 0 all runs ok, 1 some failed, 2 bad input, 130 interrupted. */
  public static int run(RunRequest request) {
    return new ExperimentRunner(System.out, System.err).execute(request);
  }

  /** Runs an already loaded scenario (the CLI checked it before anything started). */
  public static int run(RunRequest request, Scenario scenario) {
    return new ExperimentRunner(System.out, System.err).execute(request, scenario);
  }

  public int execute(RunRequest request) {
    Scenario scenario;
    try {
      scenario = ScenarioLoader.load(request.scenario(), MachineFacts.here());
      if (!request.models().isEmpty()) {
        scenario = scenario.withModels(request.models());
      }
    } catch (ScenarioException e) {
      err.println(e.getMessage());
      return 2;
    } catch (IllegalArgumentException e) {
      err.println("faremark run: " + e.getMessage());
      return 2;
    }
    return execute(request, scenario);
  }

  /** {@code scenario} as loaded; the request's repetitions override is applied here. */
  public int execute(RunRequest request, Scenario loaded) {
    Scenario scenario;
    try {
      scenario = request.repetitions().map(loaded::withRepetitions).orElse(loaded);
    } catch (IllegalArgumentException e) {
      err.println("faremark run: " + e.getMessage());
      return 2;
    }
    Backend backend;
    try {
      backend = BackendChoice.open(request.backend(), scenario, Path.of("").toAbsolutePath(), out,
          request.options());
    } catch (BackendProvider.Unavailable e) {
      err.println("faremark run: " + e.getMessage());
      String details = LibraryLog.held();
      if (!details.isEmpty()) {
        // The backend was asked for by name: the libraries' account of why is the explanation.
        err.print("details from the libraries:\n" + details);
      }
      return 2;
    }
    List<String> runnable = backend.runnable(scenario, out, err);
    if (runnable.isEmpty()) {
      err.println("faremark run: none of the models asked for can run on this machine (see above)");
      backend.close();
      return 2;
    }
    scenario = scenario.withModels(runnable);
    ShutdownGuard.install(Thread.currentThread());
    try {
      return ShutdownGuard.exitCode(experiment(scenario, request, backend));
    } catch (IOException e) {
      err.println("faremark run: " + e.getMessage());
      if (resultsDir != null) {
        err.println("faremark run: what was written is kept in " + resultsDir + "; every run with"
            + " a " + ResultsLayout.RUN_RECORD + " there is complete, and `faremark report "
            + resultsDir + "` writes their summary and report");
      }
      return ShutdownGuard.exitCode(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ShutdownGuard.exitCode(ShutdownGuard.INTERRUPTED_EXIT_CODE);
    } finally {
      LibraryLog.detach();
    }
  }

  private int experiment(Scenario scenario, RunRequest request, Backend backend)
      throws IOException, InterruptedException {
    List<PlannedRun> plan = PlannedRun.of(scenario);
    List<RunRecord> records = new ArrayList<>();
    boolean interrupted = false;
    boolean preflightFailed = false;
    boolean engineGone = false;
    ResultsFolder folder;
    Watchdog watchdog = null;
    // Closed last: by then every run's cgroup or container is gone and what holds them can go too.
    try (backend;
        Cleanup.Registration backendReg = Cleanup.global().register(backend.id() + " backend", backend)) {
      out.println("memory: " + backend.memoryDescription());
      Instant startedAt = Instant.now();
      folder = createFolder(request.out(), scenario.name(), startedAt);
      resultsDir = folder.dir();
      // The libraries' log lines (engine discovery and the like) belong with the results.
      LibraryLog.writeTo(folder.dir().resolve(ResultsLayout.LOG));
      // Should this JVM die without cleaning up (SIGKILL), the watchdog does it within seconds.
      watchdog = Watchdog.start(folder.dir().resolve(ResultsLayout.LOG), List.of(backend.id()));
      Path projectDir = Path.of("").toAbsolutePath();
      scenario.write(folder.dir().resolve(ResultsLayout.SCENARIO));
      Map<String, Object> environment = EnvironmentRecord.collect(projectDir, backend.id(),
          backend.memoryDescription(), JavaRuntime.command(), startedAt);
      Map<String, Object> backendFacts = backend.environment();
      if (!backendFacts.isEmpty()) {
        environment.put(backend.id(), backendFacts);
      }
      folder.writeEnvironment(environment);
      backend.prepare(folder.dir());
      out.println("results: " + folder.dir());

      Stage stage = backend.stage(scenario);
      try (FareService server = stage.server();
          Cleanup.Registration serverReg = Cleanup.global().register("fare-server", server);
          NetworkShaping network = stage.network();
          Cleanup.Registration networkReg = Cleanup.global().register("network proxy", network)) {
        out.println("fare-server: " + server.describe() + " (service time "
            + scenario.server().serviceTime().describe() + ")");
        out.println("network: " + network.describe());
        folder.writeJson(folder.dir().resolve(ResultsLayout.NETWORK), network.record());
        if (!stage.warmup().isEmpty()) {
          out.println(stage.warmup().get("console"));
          Map<String, Object> warmup = new LinkedHashMap<>(stage.warmup());
          warmup.remove("console");
          folder.writeJson(folder.dir().resolve(ResultsLayout.STAGE_WARMUP), warmup);
        }
        // a sweep's points may grow the job: the answer for the most days holds every point's
        List<DayAggregate> expected =
            ExpectedAnswerClient.fetch(server.uri(), scenario.job().route(), scenario.job().startDate(),
                PlannedRun.daysNeeded(scenario));
        folder.writeJson(folder.dir().resolve(ResultsLayout.EXPECTED), expected);
        if (scenario.run().preflight()) {
          Map<String, String> failed = Preflight.run(scenario, stage, backend, expected, folder, out,
              () -> ShutdownGuard.interrupted() || Thread.currentThread().isInterrupted());
          failed.forEach((model, why) -> err.println("skipped " + model + ": " + SafeText.line(why)));
          // a model that cannot work is reported once, above, instead of failing every repetition
          plan = PlannedRun.of(scenario, scenario.models().stream()
              .filter(m -> !failed.containsKey(m)).toList());
          preflightFailed = !failed.isEmpty();
        }
        RunJudges judge = new RunJudges(expected, scenario.warmup());
        try (RunProgress progress = RunProgress.of(out, plan, scenario);
            EngineLanes lanes = EngineLanes.open(backend, stage, scenario, expected, out)) {
          List<RunDispatcher.Lane> dispatched = new ArrayList<>();
          for (EngineLanes.Engine engine : lanes.engines()) {
            dispatched.add(new RunDispatcher.Lane() {
              @Override
              public String name() {
                return engine.name();
              }

              @Override
              public RunRecord run(PlannedRun run) throws IOException {
                return runOne(scenario, engine.stage(), engine.backend(), judge, folder, run,
                    lanes.several());
              }
            });
          }
          RunDispatcher.Result done = new RunDispatcher(progress, ShutdownGuard::interrupted)
              .dispatch(plan, dispatched);
          records.addAll(done.records());
          interrupted = done.interrupted();
          engineGone = !done.notRun().isEmpty();
          done.engineLoss().ifPresent(why -> err.println("faremark run: " + why));
        }
      }
    } finally {
      if (watchdog != null) {
        watchdog.close(); // the backend has cleaned up by now: nothing for the watchdog to do
      }
    }

    // Summaries and the report come from the raw files just written, through the same code as
    // `faremark report`, so a regenerated report can never differ from the live one.
    ReportWriter.Written written;
    try {
      written = ReportWriter.write(folder.dir(), err);
    } catch (ResultsException e) {
      throw new IOException("cannot read back the results just written: " + e.getMessage(), e);
    } catch (IOException e) {
      throw writing(folder.dir(), "the summary and report", e);
    }
    Summary summary = written.summary();
    out.println();
    out.print(ConsoleTable.render(summary));
    if (written.data().sweep() != null) {
      out.print(SweepConsoleTable.render(written.data().sweep()));
    }
    out.println("results: " + folder.dir().toAbsolutePath());
    out.println("report: " + written.html().toAbsolutePath().normalize().toUri());
    if (interrupted) {
      return ShutdownGuard.exitCode(ShutdownGuard.INTERRUPTED_EXIT_CODE);
    }
    return summary.allOk() && !preflightFailed && !engineGone ? 0 : 1;
  }

  /**
   * @param several runs are spread over several engines: the record names its engine, and an
   *     engine lost under the run records it {@code engine-failed} instead of ending the experiment
   */
  private RunRecord runOne(
      Scenario scenario, Stage stage, Backend backend, RunJudges judges, ResultsFolder folder,
      PlannedRun run, boolean several) throws IOException {
    Path runDir;
    Scenario at = run.scenario(scenario); // a sweep's point, or the scenario itself
    if (scenario.sweep().map(sw -> sw.parameter().stageWide()).orElse(false)) {
      stage.network().reshape(at.network()); // the point's network, read back before the run
    }
    // through the proxy, as the workload reaches it
    WorkloadSpec spec = run.spec(at, stage.workloadTarget());
    Path specFile;
    try {
      // A first-use reference run goes to its own folder: nothing reading runs/ ever counts it.
      runDir = run.reference() ? folder.firstUseRunDir(run.runId()) : folder.runDir(run.runId());
      specFile = runDir.resolve(ResultsLayout.SPEC);
      folder.writeJson(specFile, spec);
    } catch (IOException e) {
      throw writing(folder.dir().resolve(run.reference() ? ResultsLayout.FIRST_USE : ResultsLayout.RUNS)
          .resolve(run.runId()), "run " + run.runId(), e);
    }
    SweepPoint point = sweepPoint(scenario, run);
    Function<BooleanSupplier, WorkloadRun> workload =
        released -> new WorkloadRun("r" + run.runId(), spec, specFile, runDir,
            ModelLaunch.of(at, run.model()), at.sampleInterval(), at.memoryLimit(), at.runTimeout(),
            released);
    if (several) {
      return EngineRun.run(backend, stage, run, () -> RunBarrier.arm(stage.server(), scenario, at,
              run.model()), workload,
          (seen, stats, inFlight) -> judges.judge(run, at, seen, stats, point, inFlight), folder,
          runDir);
    }
    stage.server().resetStats();
    RunObservation seen;
    InFlight inFlight = null;
    Object serverStats;
    IOException serverGone = null;
    RunBarrier barrier = RunBarrier.arm(stage.server(), scenario, at, run.model());
    try (barrier) {
      seen = backend.run(workload.apply(barrier::released));
    }
    try {
      inFlight = barrier.result();
      serverStats = stage.server().stats();
    } catch (IOException e) {
      // The fare server is gone (killed, its container stopped): the run is still recorded, with
      // what the workload saw, and then the experiment stops, saying why.
      serverGone = e;
      serverStats = Map.of("error", "the fare server did not answer after the run: " + e.getMessage());
    }
    RunRecord record = judges.judge(run, at, seen, serverStats, point, inFlight);
    try {
      RunFiles.write(folder, runDir, seen, record);
    } catch (IOException e) {
      throw writing(runDir, "run " + run.runId(), e);
    }
    if (serverGone != null) {
      throw new IOException("the fare server (" + stage.server().describe() + ") stopped answering"
          + " during run " + run.runId() + " (" + serverGone.getMessage() + "); the experiment"
          + " stops here", serverGone);
    }
    return record;
  }

  /** Where {@code run} sits in the scenario's sweep, as its record keeps it; null outside one. */
  private static SweepPoint sweepPoint(Scenario scenario, PlannedRun run) {
    return run.cell() == null ? null : new SweepPoint(
        scenario.sweep().orElseThrow().parameter().path(), run.cell().value(), run.cell().point(),
        run.cell().heap().equals(Sweep.DEFAULT_HEAP) ? null : run.cell().heap());
  }

  /** The results root cannot be written (read-only, full, not ours): say which folder. */
  private static ResultsFolder createFolder(Path root, String scenario, Instant startedAt)
      throws IOException {
    try {
      return ResultsFolder.create(root, scenario, startedAt);
    } catch (IOException e) {
      throw writing(root.toAbsolutePath(), "a results folder", e);
    }
  }

  /**
   * {@code e} with the folder it failed in: a full disk's "No space left on device" names no
   * file, and the user needs to know which disk.
   */
  static IOException writing(Path where, String what, IOException e) {
    String because = String.valueOf(e.getMessage());
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      because = fs.getReason() + (fs.getFile() == null ? "" : " (" + fs.getFile() + ")");
    }
    return new IOException("cannot write " + what + " in " + where + ": " + because, e);
  }
}
