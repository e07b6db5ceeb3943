package faremark.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.scenario.MachineFacts;
import faremark.orchestrator.scenario.Scenario;
import faremark.orchestrator.scenario.ScenarioFiles;
import faremark.orchestrator.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

/** What {@code validate} prints of a sweep: its points, the barrier, the plan and its duration. */
class ScenarioSummarySweepTest {

  @Test
  void validatePrintsTheSweepsPointsPlanAndEstimate() {
    FaremarkCliTest.Result r = FaremarkCliTest.run("validate",
        ScenarioFiles.repoRoot().resolve("scenarios/sweep-java.yaml").toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out())
        .contains("sweep        client.concurrency over 10 (10 days), 100 (100 days), 500 (500 days),"
            + " 1000 (1000 days), 2000 (2000 days)")
        .contains("barrier: the fare server holds answers until a run has its target in service"
            + " (timeout 1m)")
        .contains("plan         5 points × 3 models (the 3 Java models × 2 heap variants default,"
            + " 512MiB) × 6 repetitions = 180 runs, order interleaved (seed 42)")
        // 180 runs × (3 s, one wave at every point, + 1 s start-up) = 12 min
        .contains("≈ 12 min in all");
  }

  @Test
  void theTenThousandSweepsEstimateIsWhatItsHeaderSays() throws Exception {
    Scenario s = ScenarioLoader.load(ScenarioFiles.repoRoot().resolve("scenarios/sweep-10k.yaml"));
    String summary = ScenarioSummary.describe(s, MachineFacts.UNKNOWN);
    assertThat(summary)
        .contains("over 1, 5 (5 days), 22 (22 days), 100 (100 days), 464 (464 days), 2154 (2154"
            + " days), 10000 (10000 days)")
        .contains("7 points × 6 models × 6 repetitions = 252 runs, order shuffled (seed 10000)")
        .contains("≈ 25 min in all");
    assertThat(ScenarioLoader.load(ScenarioFiles.repoRoot().resolve("scenarios/sweep-python.yaml"))
        .runCount()).isEqualTo(90);
  }
}
