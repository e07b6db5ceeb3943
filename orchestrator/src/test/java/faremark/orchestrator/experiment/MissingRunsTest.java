package faremark.orchestrator.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.results.ExperimentData;
import faremark.orchestrator.results.InFlight;
import faremark.orchestrator.results.ResultsFixture;
import faremark.orchestrator.results.ResultsReader;
import faremark.orchestrator.results.RunRecord;
import faremark.orchestrator.results.SummaryFixture;
import faremark.orchestrator.results.SweepPoint;
import faremark.orchestrator.results.sweep.SweepFixture;
import faremark.orchestrator.scenario.ScenarioLoader;
import faremark.orchestrator.scenario.Sweep;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MissingRunsTest {
  static final String SWEEP = """
      name: sweep-missing
      job: {route: {from: PRG, to: BRQ}, startDate: 2018-06-01, days: 1}
      server: {serviceTime: 1s, payload: 8KiB}
      models: [virtual-threads, py-asyncio]
      repetitions: 2
      sweep: {parameter: client.concurrency, values: [10, 20], javaHeap: [default, 512MiB]}
      """;

  @TempDir Path tmp;

  @Test
  void aSweepsPlanIsPointsTimesModelsAndHeapsTimesRepetitions() throws Exception {
    List<PlannedRun> plan = PlannedRun.of(ScenarioLoader.parse(SWEEP, "sweep.yaml", Optional.empty()));
    // virtual-threads twice (default and pinned heap), py-asyncio once: 3 cells x 2 points x 2
    assertThat(plan).hasSize(12);
    ExperimentData complete = folder("complete", plan, -1);
    assertThat(complete.plannedRuns()).isEqualTo(12);
    assertThat(MissingRuns.of(complete)).isEmpty();
    assertThat(complete.interrupted()).isFalse();

    ExperimentData cut = folder("cut", plan, 7);
    assertThat(MissingRuns.of(cut)).containsExactly(plan.get(7).runId());
    assertThat(plan.get(7).runId()).matches("008-[a-z-]+-c(10|20)(-heap512mib)?-r2");
    assertThat(cut.interrupted()).isTrue();
  }

  /** A results folder of the sweep with every planned run recorded but the one at {@code skip}. */
  private ExperimentData folder(String name, List<PlannedRun> plan, int skip) throws Exception {
    List<RunRecord> runs = new ArrayList<>();
    for (int i = 0; i < plan.size(); i++) {
      if (i == skip) {
        continue;
      }
      PlannedRun p = plan.get(i);
      int n = p.cell().value();
      RunRecord base = SummaryFixture.ok(p.index(), p.model(), p.repetition(), 1_000, 2_000,
          80L << 20, 60L << 20, 100, 1_000_000, 1_100_000, n);
      runs.add(SweepFixture.with(base, p.runId(), new SweepPoint("client.concurrency", n,
          p.cell().point(), p.cell().heap().equals(Sweep.DEFAULT_HEAP) ? null : p.cell().heap()),
          new InFlight(n, n, true, null), null));
    }
    Path dir = tmp.resolve(name);
    ResultsFixture.write(dir, SWEEP, runs);
    return ResultsReader.read(dir);
  }
}
