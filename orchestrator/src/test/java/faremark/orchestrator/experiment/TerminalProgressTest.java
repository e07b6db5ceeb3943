package faremark.orchestrator.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.scenario.ScenarioLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The progress bar's line, its estimate of the time left, and its silence off a terminal. */
class TerminalProgressTest {
  private static final String SCENARIO = """
      name: p
      job: {days: 100}
      server: {serviceTime: 290ms}
      client: {concurrency: 100}
      models: [sequential, async]
      repetitions: 2
      """;

  @Test
  void theLineShowsRunsCurrentModelElapsedAndLeft() {
    String line = TerminalProgress.line(3, 10, "async #2", Duration.ofSeconds(42), Duration.ofSeconds(70));
    assertThat(line).isEqualTo("[=======>                ] 3/10 runs  async #2  0:42 elapsed  ~1:10 left");
    assertThat(TerminalProgress.line(10, 10, "", Duration.ofSeconds(3725), null))
        .isEqualTo("[========================] 10/10 runs  1:02:05 elapsed");
  }

  @Test
  void theEstimateLearnsFromFinishedRunsOfTheSameModel() throws Exception {
    var scenario = ScenarioLoader.parse(SCENARIO, "p.yaml", Optional.empty());
    List<PlannedRun> plan = PlannedRun.interleave(scenario.models(), 2);
    Eta eta = new Eta(plan, scenario);
    // before any run: scenario estimates (100 x 290 ms; one wave of 290 ms) + 1 s start-up each
    assertThat(eta.expected(plan.get(0))).isEqualTo(Duration.ofMillis(29_000 + 1_000));
    assertThat(eta.expected(plan.get(1))).isEqualTo(Duration.ofMillis(290 + 1_000));
    eta.finished(plan.get(0), Duration.ofSeconds(31), Duration.ofSeconds(30));
    assertThat(eta.expected(plan.get(2))).isEqualTo(Duration.ofSeconds(31));
    // async not run yet: its estimate plus the start-up the sequential run needed (1 s)
    assertThat(eta.expected(plan.get(1))).isEqualTo(Duration.ofMillis(290 + 1_000));
    // during async #1, 0.2 s in: its rest, then sequential #2 (31 s) and async #2 (1.29 s)
    assertThat(eta.remaining(plan.get(1), Duration.ofMillis(200)))
        .isEqualTo(Duration.ofMillis(1_090 + 31_000 + 1_290));
  }

  @Test
  void offATerminalTheRunLinesAreThePlainOnes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    PlannedRun run = new PlannedRun(1, "async", 1);
    try (RunProgress p = RunProgress.of(out, List.of(run), null)) {
      assertThat(p).isInstanceOf(RunProgress.PlainProgress.class);
      p.started(run);
      p.ended(run, null, "ok  request phase 0.300 s");
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo("[1/1] async #1 ... ok  request phase 0.300 s" + System.lineSeparator())
        .doesNotContain("\r", "\033");
  }
}
