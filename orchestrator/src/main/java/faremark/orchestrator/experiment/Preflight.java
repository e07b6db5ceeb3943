package faremark.orchestrator.experiment;

import faremark.contract.DayAggregate;
import faremark.contract.WorkloadSpec;
import faremark.orchestrator.backend.Backend;
import faremark.orchestrator.backend.ModelLaunch;
import faremark.orchestrator.backend.RunObservation;
import faremark.orchestrator.backend.Stage;
import faremark.orchestrator.backend.WorkloadRun;
import faremark.orchestrator.output.SafeText;
import faremark.orchestrator.results.Outcome;
import faremark.orchestrator.results.ResultsFolder;
import faremark.orchestrator.results.ResultsLayout;
import faremark.orchestrator.results.RunRecord;
import faremark.orchestrator.scenario.Scenario;
import faremark.orchestrator.verify.Verifier;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One short run of each model before the measured ones, as a benchmark toolset verifies each
 * framework before it measures it: the same server, network, client settings, memory limit and
 * isolation (its own cgroup or container), only {@link #DAYS} days, verified against the fare
 * server's answer. A model that cannot work (crashes, breaks the contract, answers wrongly, is
 * OOM-killed or hangs) is reported once with its reason instead of failing every repetition.
 * Its files go to {@code preflight/<model>/}; nothing of it enters a summary.
 */
final class Preflight {
  /** Days of a pre-flight: a few requests, enough to start the runtime, connect and parse. */
  static final int DAYS = 3;

  /** What a failed pre-flight is reported as, before its outcome and reason. */
  static final String FAILED = "pre-flight failed: ";

  private Preflight() {}

  /**
   * Runs each model of {@code scenario} once, in order, and says on {@code out} how each went.
   *
   * @param expected the fare server's answer for the whole job (the pre-flight checks its start)
   * @param stop true when the experiment is being stopped (Ctrl-C): no further model is started
   * @return the models that failed, each with why, in scenario order; empty when all passed
   */
  static Map<String, String> run(
      Scenario scenario, Stage stage, Backend backend, List<DayAggregate> expected,
      ResultsFolder folder, PrintStream out, BooleanSupplier stop) throws IOException {
    int days = Math.min(DAYS, scenario.job().days());
    RunJudge judge = new RunJudge(new Verifier(expected.subList(0, days)));
    Map<String, String> failed = new LinkedHashMap<>();
    Map<String, Object> outcomes = new LinkedHashMap<>();
    for (String model : scenario.models()) {
      if (stop.getAsBoolean()) {
        break;
      }
      RunRecord record = runOne(scenario, stage, backend, judge, folder, model, days);
      if (record.outcome() == Outcome.INTERRUPTED) {
        break;
      }
      String verdict = verdict(scenario, record);
      out.println("pre-flight " + model + ": " + (verdict.isEmpty() ? "ok" : SafeText.line(verdict))
          + String.format(java.util.Locale.ROOT, " (%d days, %.1f s)", days,
              record.processWallMs() == null ? 0 : record.processWallMs() / 1000));
      outcomes.put(model, record.outcome().id());
      if (!verdict.isEmpty()) {
        failed.put(model, FAILED + verdict);
      }
    }
    Map<String, Object> account = new LinkedHashMap<>();
    account.put("days", days);
    account.put("outcomes", outcomes);
    account.put("skipped", failed);
    folder.writeJson(folder.dir().resolve(ResultsLayout.PREFLIGHT_RECORD), account);
    return failed;
  }

  /**
   * Empty when the model works: an ok run, or failed requests that the scenario causes on
   * purpose (toxics that reset, hold or cut connections; a server that rejects or refuses over a
   * cap), which are then results, not a broken model. Anything else is the reason it cannot run.
   */
  static String verdict(Scenario scenario, RunRecord record) {
    return switch (record.outcome()) {
      case OK -> "";
      case FAILED_REQUESTS -> scenario.failsRequestsOnPurpose() ? "" : describe(record);
      case CRASHED, UNVERIFIED, OOM_KILLED, TIMED_OUT, INTERRUPTED, ENGINE_FAILED -> describe(record);
    };
  }

  private static String describe(RunRecord record) {
    return record.outcome().id() + (record.reason().isEmpty() ? "" : ": " + record.reason());
  }

  private static RunRecord runOne(
      Scenario scenario, Stage stage, Backend backend, RunJudge judge, ResultsFolder folder,
      String model, int days) throws IOException {
    PlannedRun run = new PlannedRun(0, model, 0);
    Path dir = Files.createDirectories(folder.dir().resolve(ResultsLayout.PREFLIGHT).resolve(model));
    WorkloadSpec spec = shortened(scenario.workloadSpec(model, stage.workloadTarget()), days);
    Path specFile = dir.resolve(ResultsLayout.SPEC);
    folder.writeJson(specFile, spec);
    stage.server().resetStats();
    RunObservation seen = backend.run(new WorkloadRun("preflight-" + model, spec, specFile, dir,
        ModelLaunch.of(scenario, model), scenario.sampleInterval(), scenario.memoryLimit(),
        scenario.runTimeout()));
    RunRecord record = judge.judge(run, seen, stage.server().stats());
    RunFiles.write(folder, dir, seen, record);
    return record;
  }

  /**
   * The job cut to its first {@code days}, without the scenario's warm-up passes ({@code
   * run.warmup}): the pre-flight checks that the model works at all, in seconds; the passes would
   * repeat the whole job before it.
   */
  private static WorkloadSpec shortened(WorkloadSpec s, int days) {
    return new WorkloadSpec(s.model(), s.target(), s.route(), s.startDate(), days, s.concurrency(),
        s.connections(), s.poolSize(), s.connectTimeout(), s.requestTimeout(), s.processes(),
        s.options(), s.retries());
  }
}
