package faremark.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadEventTest {
  @Test
  void eventsRoundTripAsSingleLines() {
    WorkloadResult result =
        new WorkloadResult(
            "async", 2, 1, Map.of("http-503", 1), Instant.parse("2018-06-01T10:00:00Z"),
            Instant.parse("2018-06-01T10:00:01Z"), Duration.ofNanos(1_234_567_000),
            new LatencySummary(2, 10, 15.5, 12, 20, 20, 20, 20),
            List.of(new DayAggregate(LocalDate.of(2018, 6, 1), 24, 399, "abc-1", "EUR")),
            Map.of("threads", 3));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    WorkloadEvent.print(new WorkloadEvent.Ready("async", 7, "jvm", Instant.EPOCH), out);
    WorkloadEvent.print(new WorkloadEvent.Done(result, Instant.EPOCH), out);

    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).startsWith("{\"event\":\"ready\"");
    assertThat(lines[1]).contains("\"requestPhaseUs\":1234567");
    assertThat(WorkloadEvent.parse(lines[0])).isInstanceOf(WorkloadEvent.Ready.class);
    WorkloadEvent.Done done = (WorkloadEvent.Done) WorkloadEvent.parse(lines[1]);
    assertThat(done.result()).isEqualTo(result);
    assertThat(done.result().exitCode()).isEqualTo(1);
  }

  @Test
  void specUsesMillisecondsOnTheWire() throws Exception {
    WorkloadSpec spec =
        new WorkloadSpec("sequential", URI.create("http://127.0.0.1:1/"), new Route("PRG", "BRQ"),
            LocalDate.of(2018, 6, 1), 3, 1, ConnectionReuse.PER_REQUEST, 1,
            Duration.ofSeconds(5), Duration.ofMillis(1500), 0, Map.of());
    String json = Json.mapper().writeValueAsString(spec);
    assertThat(json).contains("\"connectTimeoutMs\":5000").contains("\"connections\":\"per-request\"");
    assertThat(Json.mapper().readValue(json, WorkloadSpec.class)).isEqualTo(spec);
    assertThat(spec.faresUri(LocalDate.of(2018, 6, 2)))
        .hasToString("http://127.0.0.1:1/fares?from=PRG&to=BRQ&date=2018-06-02");
    assertThat(spec.dates()).hasSize(3);
  }
}
