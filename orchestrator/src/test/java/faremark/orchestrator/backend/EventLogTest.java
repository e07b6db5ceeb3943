package faremark.orchestrator.backend;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.contract.LatencySummary;
import faremark.contract.WorkloadEvent;
import faremark.contract.WorkloadResult;
import faremark.orchestrator.sampling.CgroupV2Probe;
import faremark.orchestrator.sampling.RunClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class EventLogTest {
  private static final Instant T0 = Instant.parse("2024-05-06T07:08:09Z");

  private final long[] nanos = {0};
  private final EventLog log = new EventLog(RunClock.of(() -> nanos[0]));

  /** One event as a workload prints it (RunJudgeTest builds its observations from these). */
  public static String line(WorkloadEvent event) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    WorkloadEvent.print(event, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8).strip();
  }

  public static String ready() {
    return line(new WorkloadEvent.Ready("sequential", 4242, "OpenJDK 64-Bit Server VM 25", T0));
  }

  public static String done() {
    WorkloadResult result = new WorkloadResult(
        "sequential", 2, 2, Map.of(), T0, T0.plusSeconds(1), Duration.ofMillis(1000),
        LatencySummary.EMPTY, List.of(), Map.of());
    return line(new WorkloadEvent.Done(result, T0.plusSeconds(1)));
  }

  private void at(long millis, String text) {
    nanos[0] = Duration.ofMillis(millis).toNanos();
    log.accept(text);
  }

  @Test
  void readsTheRunsCpuCounterAsReadyAndDoneArrive(@TempDir Path dir)
      throws Exception {
    Path cgroup = Files.createDirectories(dir.resolve("run"));
    Path stat = cgroup.resolve("cpu.stat");
    log.readCpuFrom(new CgroupV2Probe(cgroup));
    Files.writeString(stat, "usage_usec 400000\nuser_usec 300000\nsystem_usec 100000\n");
    at(150, ready());
    Files.writeString(stat, "usage_usec 1650000\nuser_usec 1500000\nsystem_usec 150000\n");
    at(1_250, done());

    assertThat(log.cpuAtReady()).contains(Duration.ofMillis(400));
    assertThat(log.cpuAtDone()).contains(Duration.ofMillis(1650));
  }

  @Test
  void withoutAProbeOrACounterTheEventsStillCount(@TempDir Path dir) {
    at(150, ready());
    log.readCpuFrom(new CgroupV2Probe(dir.resolve("gone")));
    at(1_250, done());
    assertThat(log.ready()).isPresent();
    assertThat(log.done()).isPresent();
    assertThat(log.cpuAtReady()).isEmpty();
    assertThat(log.cpuAtDone()).isEmpty();
  }

  @Test
  void readyThenDoneIsTheContract() {
    at(150, ready());
    at(1_250, done());

    assertThat(log.violations()).isEmpty();
    assertThat(log.ready()).hasValueSatisfying(r -> {
      assertThat(r.model()).isEqualTo("sequential");
      assertThat(r.pid()).isEqualTo(4242);
    });
    assertThat(log.done()).hasValueSatisfying(d -> assertThat(d.result().ok()).isEqualTo(2));
  }

  @Test
  void eventTimesComeFromTheRunClock() {
    at(150, ready());
    nanos[0] = 1_250_500_000L;
    log.accept(done());

    assertThat(log.readyAt()).contains(Duration.ofMillis(150));
    assertThat(log.doneAt()).contains(Duration.ofNanos(1_250_500_000L));
    assertThat(log.lines()).extracting(EventLog.Line::tMs).containsExactly(150.0, 1_250.5);
  }

  @Test
  void keepsEveryLineAsReceived() {
    at(1, "starting up");
    at(2, ready());

    assertThat(log.lines()).containsExactly(new EventLog.Line(1.0, "starting up"), new EventLog.Line(2.0, ready()));
  }

  @Test
  void aLineThatIsNotJsonIsAViolation() {
    at(10, "Picked up JAVA_TOOL_OPTIONS: -Xmx1g");
    at(20, ready());
    at(30, done());

    assertThat(log.violations()).containsExactly(
        "stdout line is not a workload event: Picked up JAVA_TOOL_OPTIONS: -Xmx1g");
    assertThat(log.ready()).isPresent();
    assertThat(log.done()).isPresent();
  }

  @Test
  void jsonThatIsNotAnEventIsAViolation() {
    at(10, "{\"hello\":\"world\"}");
    at(20, "{\"event\":\"progress\",\"done\":3}");
    at(30, "");

    assertThat(log.violations()).hasSize(3)
        .allSatisfy(v -> assertThat(v).startsWith("stdout line is not a workload event: "));
    assertThat(log.ready()).isEmpty();
  }

  @Test
  void aVeryLongBadLineIsAbbreviatedInTheViolation() {
    at(10, "x".repeat(500));

    assertThat(log.violations()).singleElement().asString()
        .endsWith("x".repeat(160) + "...")
        .hasSize("stdout line is not a workload event: ".length() + 163);
    assertThat(log.lines().getFirst().text()).hasSize(500);
  }

  @Test
  void doneBeforeReadyIsAViolationButTheResultIsKept() {
    at(10, done());

    assertThat(log.violations()).containsExactly("done without a ready event before it");
    assertThat(log.done()).isPresent();
    assertThat(log.doneAt()).contains(Duration.ofMillis(10));
    assertThat(log.readyAt()).isEmpty();
  }

  @Test
  void aSecondDoneIsAViolationAndTheFirstOneStands() {
    at(10, ready());
    at(20, done());
    at(30, done());

    assertThat(log.violations()).containsExactly("second done event");
    assertThat(log.doneAt()).contains(Duration.ofMillis(20));
  }

  @Test
  void aSecondReadyIsAViolationAndTheFirstOneStands() {
    at(10, ready());
    at(20, ready());

    assertThat(log.violations()).containsExactly("second ready event");
    assertThat(log.readyAt()).contains(Duration.ofMillis(10));
  }

  @Test
  void readyAfterDoneIsAViolation() {
    at(10, done());
    at(20, ready());

    assertThat(log.violations()).containsExactly("done without a ready event before it", "ready after done");
    assertThat(log.ready()).isEmpty();
  }

  @Test
  void nothingReceivedMeansNoEvents() {
    assertThat(log.lines()).isEmpty();
    assertThat(log.violations()).isEmpty();
    assertThat(log.ready()).isEmpty();
    assertThat(log.readyAt()).isEmpty();
    assertThat(log.done()).isEmpty();
    assertThat(log.doneAt()).isEmpty();
  }

  @Test
  void aJsonNullLineIsAViolation() {
    at(10, "null");

    assertThat(log.violations()).singleElement().asString().contains("not a workload event");
  }
}
