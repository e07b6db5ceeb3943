package faremark.orchestrator.experiment;

import faremark.contract.DayAggregate;
import faremark.orchestrator.backend.RunObservation;
import faremark.orchestrator.results.InFlight;
import faremark.orchestrator.results.RunRecord;
import faremark.orchestrator.results.SweepPoint;
import faremark.orchestrator.scenario.Scenario;
import faremark.orchestrator.verify.Verifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link RunJudge} per job length: a sweep's points may ask for different days, and each run
 * is verified against the first days of the one expected answer (the days are consecutive from the
 * same start, so a shorter job's answer is a prefix of the longest one's).
 */
final class RunJudges {
  private final List<DayAggregate> expected;
  private final int warmup;
  private final Map<Integer, RunJudge> byDays = new HashMap<>();

  /** @param expected the answer for {@link PlannedRun#daysNeeded} days */
  RunJudges(List<DayAggregate> expected, int warmup) {
    this.expected = List.copyOf(expected);
    this.warmup = warmup;
  }

  /** @param at the run's scenario (its sweep point), whose days it was asked for */
  RunRecord judge(PlannedRun run, Scenario at, RunObservation seen, Object serverStats,
      SweepPoint sweep, InFlight inFlight) {
    int days = at.job().days();
    if (days > expected.size()) {
      throw new IllegalStateException("run " + run.runId() + " asks for " + days + " days; the"
          + " expected answer holds " + expected.size());
    }
    RunJudge judge = byDays.computeIfAbsent(days,
        d -> new RunJudge(new Verifier(expected.subList(0, d)), warmup));
    return judge.judge(run, seen, serverStats, sweep, inFlight);
  }
}
