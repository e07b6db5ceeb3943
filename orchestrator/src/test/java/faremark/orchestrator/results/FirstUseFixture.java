package faremark.orchestrator.results;

import faremark.contract.LatencySummary;
import faremark.contract.WarmupPass;
import faremark.contract.WorkloadResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A results folder with first-use reference runs ({@code run.firstUse: {runs: 6}}), numbers
 * after docs/cold-start.md: thread-pool is cold 832 ms and warm ~390 ms (one reference run
 * crashed), py-asyncio has no first use (and one of its reference runs reported no warm-up pass,
 * as a program that ignores the spec's warmup would). Runs carry CPU by phase.
 */
public final class FirstUseFixture {
  static final long MIB = SummaryFixture.MIB;

  static final String SCENARIO = """
      name: fixture
      description: "Golden-file fixture with first-use reference runs."
      job: {route: {from: PRG, to: BRQ}, startDate: 2018-06-01, days: 100}
      server: {serviceTime: 90ms, payload: 8KiB}
      network: {rtt: 200ms}
      client: {concurrency: 100}
      models: [thread-pool, py-asyncio]
      repetitions: 3
      run: {firstUse: {runs: 6}}
      """;

  private FirstUseFixture() {}

  public static Path write(Path dir) throws Exception {
    double[][] cold = {{832, 764, 942}, {376, 364, 409}};
    double[][] warm = {{388, 372, 413, 380, 395, 401}, {385, 379, 391, 380, 388, 372}};
    long[][] cpu = {{1250, 270}, {90, 100}};
    String[] models = {"thread-pool", "py-asyncio"};
    boolean[] measuredRound = {true, false, false, true, false, false, true, false, false};
    List<RunRecord> runs = new ArrayList<>();
    List<RunRecord> references = new ArrayList<>();
    int index = 0;
    int measured = 0;
    int reference = 0;
    for (boolean isMeasured : measuredRound) {
      int rep = isMeasured ? measured++ : reference++;
      for (int m = 0; m < models.length; m++) {
        index++;
        if (isMeasured) {
          runs.add(cold(index, models[m], rep + 1, cold[m][rep], cpu[m][0]));
        } else if (m == 0 && rep == 5) {
          references.add(reference(SummaryFixture.crashed(index, models[m], rep + 1), rep + 1, null, null));
        } else {
          RunRecord ok = cold(index, models[m], rep + 1, warm[m][rep], cpu[m][1]);
          // py-asyncio's third reference run reports no pass: measured cold, never counted warm
          WarmupPass pass = m == 1 && rep == 2 ? null : new WarmupPass(
              Duration.ofMillis(Math.round(cold[m][rep % 3] - 20)), 100, 100, Map.of(), Map.of(),
              new LatencySummary(100, 300_000, 500_000, 480_000, 600_000, 700_000, 700_000, 710_000),
              Duration.ofMillis(cpu[m][0] - 40));
          references.add(reference(ok, rep + 1, pass, new CpuFigures(900L, cpu[m][1], 60L)));
        }
      }
    }
    ResultsFixture.write(dir, SCENARIO, runs);
    for (RunRecord r : references) {
      Path runDir = Files.createDirectories(dir.resolve(ResultsLayout.FIRST_USE).resolve(r.runId()));
      faremark.contract.Json.mapper().writerWithDefaultPrettyPrinter()
          .writeValue(runDir.resolve(ResultsLayout.RUN_RECORD).toFile(), r);
      Files.writeString(runDir.resolve(ResultsLayout.SAMPLES), ResultsFixture.samples(r));
      Files.writeString(runDir.resolve(ResultsLayout.EVENTS), ResultsFixture.events(r));
    }
    return dir;
  }

  /** A measured (cold) ok run with CPU by phase. */
  private static RunRecord cold(int index, String model, int rep, double phaseMs, long cpuMs) {
    RunRecord r = SummaryFixture.ok(index, model, rep, phaseMs, phaseMs + 1_300, 100 * MIB,
        68 * MIB, cpuMs + 2_000, 480_000, 700_000, 100);
    return copy(r, r.runId(), null, new CpuFigures(1_100L, cpuMs, 80L), r.result());
  }

  /** {@code r} as a reference run: w-numbered, asked for one pass, {@code pass} reported. */
  private static RunRecord reference(RunRecord r, int rep, WarmupPass pass, CpuFigures cpu) {
    String runId = String.format(Locale.ROOT, "%03d-%s-w%d", r.index(), r.model(), rep);
    WorkloadResult result = r.result();
    if (result != null && pass != null) {
      Map<String, Object> details = new LinkedHashMap<>(result.details());
      details.put(WarmupPass.DETAILS_KEY, List.of(pass));
      result = new WorkloadResult(result.model(), result.requested(), result.ok(), result.failed(),
          result.startedAt(), result.endedAt(), result.requestPhase(), result.latency(),
          result.aggregate(), details);
    }
    return copy(r, runId, 1, cpu, result);
  }

  private static RunRecord copy(RunRecord r, String runId, Integer warmup, CpuFigures cpu,
      WorkloadResult result) {
    return new RunRecord(r.index(), runId, r.model(), r.repetition(), r.outcome(), r.reason(),
        r.exitCode(), r.launchedAt(), r.processWallMs(), r.readyAtMs(), r.doneAtMs(), result,
        r.verification(), r.memory(), r.server(), r.command(), r.interpreter(), warmup, cpu);
  }
}
