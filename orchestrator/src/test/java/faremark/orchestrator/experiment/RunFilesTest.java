package faremark.orchestrator.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.contract.Json;
import faremark.contract.LatencyDistribution;
import faremark.contract.WorkloadResult;
import faremark.orchestrator.results.LatencyLog;
import faremark.orchestrator.results.ResultsFolder;
import faremark.orchestrator.results.ResultsLayout;
import faremark.orchestrator.results.RunRecord;
import faremark.orchestrator.verify.Verifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's latency histogram, whatever backend the run came from (both hand the workload's stdout
 * over line by line): written from the done event beside run.json, which leaves it out and says
 * where it went, or why there is none.
 */
class RunFilesTest {
  @TempDir Path tmp;

  private static final List<faremark.contract.DayAggregate> EXPECTED = RunJudgeTest.EXPECTED;

  private RunRecord writeRun(RunJudgeTest.Seen seen, Path runDir) throws Exception {
    RunRecord record = new RunJudge(new Verifier(EXPECTED))
        .judge(new PlannedRun(1, "py-threads", 1), seen.observation(), Map.of());
    RunFiles.write(ResultsFolder.open(tmp), runDir, seen.observation(), record);
    return record;
  }

  private static WorkloadResult with(LatencyDistribution d) {
    WorkloadResult r = RunJudgeTest.result(3, 3, Map.of(), EXPECTED);
    return new WorkloadResult(r.model(), r.requested(), r.ok(), r.failed(), r.startedAt(),
        r.endedAt(), r.requestPhase(), r.latency(), r.aggregate(), r.details(), d);
  }

  @Test
  void rawValuesBecomeTheRunsHistogramFileAndStayOutOfRunJson() throws Exception {
    Path runDir = Files.createDirectories(tmp.resolve("runs/001-py-threads-r1"));
    RunRecord record = writeRun(new RunJudgeTest.Seen().replaceDone(
        with(new LatencyDistribution.ValuesUs(List.of(900L, 1_000L, 1_400L)))), runDir);

    assertThat(record.latencyLog()).isEqualTo(RunRecord.LatencyKept.written(3));
    assertThat(record.result().latencyDistribution()).isNull();
    Histogram kept = LatencyLog.read(runDir.resolve(ResultsLayout.LATENCY)).orElseThrow();
    assertThat(kept.getTotalCount()).isEqualTo(3);
    assertThat(kept.getMaxValue()).isEqualTo(1_400);
    String runJson = Files.readString(runDir.resolve(ResultsLayout.RUN_RECORD));
    assertThat(runJson).doesNotContain("valuesUs").contains("\"file\" : \"latency.hlog\"");
    assertThat(Json.mapper().readValue(runJson, RunRecord.class).latencyLog()).isEqualTo(record.latencyLog());
  }

  @Test
  void aResultWithoutADistributionHasNoFileAndTheRecordSaysSo() throws Exception {
    Path runDir = Files.createDirectories(tmp.resolve("runs/001-ext-r1"));
    RunRecord record = writeRun(new RunJudgeTest.Seen(), runDir);

    assertThat(Files.exists(runDir.resolve(ResultsLayout.LATENCY))).isFalse();
    assertThat(record.latencyLog().file()).isNull();
    assertThat(record.latencyLog().none()).contains("no latencyDistribution");
    assertThat(record.outcome().ok()).isTrue(); // optional in the contract: the run still counts
  }

  @Test
  void aDistributionThatDoesNotDecodeIsNotKeptAndTheRecordSaysWhy() throws Exception {
    Path runDir = Files.createDirectories(tmp.resolve("runs/001-ext-r1"));
    RunRecord record = writeRun(new RunJudgeTest.Seen().replaceDone(
        with(new LatencyDistribution.HdrHistogram("bm90IGEgaGlzdG9ncmFt"))), runDir);

    assertThat(Files.exists(runDir.resolve(ResultsLayout.LATENCY))).isFalse();
    assertThat(record.latencyLog().none()).contains("does not decode");
  }

  @Test
  void aRunWithoutAResultHasNothingToSay() throws Exception {
    Path runDir = Files.createDirectories(tmp.resolve("runs/001-x-r1"));
    RunRecord record = writeRun(new RunJudgeTest.Seen().withoutDone(), runDir);
    assertThat(record.latencyLog()).isNull();
    assertThat(Files.readString(runDir.resolve(ResultsLayout.RUN_RECORD))).doesNotContain("latencyLog");
  }
}
