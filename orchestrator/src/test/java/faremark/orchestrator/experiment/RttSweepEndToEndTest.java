package faremark.orchestrator.experiment;

import static faremark.orchestrator.experiment.InProcessExperiment.onlyResultsDir;
import static faremark.orchestrator.experiment.InProcessExperiment.request;
import static faremark.orchestrator.experiment.InProcessExperiment.runner;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import faremark.contract.Json;
import faremark.orchestrator.Requirement;
import faremark.orchestrator.backend.local.CgroupSupport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep over {@code network.rtt} on the local backend, end to end: the proxy's latency toxics
 * are set to each run's point before it starts (the runs go 0, 250 ms, 0, 250 ms, so each one
 * changes the proxy), and a sequential client's request phase follows: four requests, one round
 * trip each.
 */
class RttSweepEndToEndTest {
  static final int DAYS = 4;
  static final int RTT_MS = 250;

  @TempDir Path tmp;

  @Test
  void eachRunTalksThroughItsPointsRoundTrip() throws Exception {
    CgroupSupport support = CgroupSupport.detect();
    Requirement.CGROUP.require(support.available(), "RttSweepEndToEndTest",
        () -> "no cgroup can be made here: " + support.describe());
    Path scenario = tmp.resolve("rtt.yaml");
    Files.writeString(scenario, """
        name: sweep-rtt
        job: {route: {from: PRG, to: BRQ}, startDate: 2018-06-01, days: %d}
        server: {serviceTime: 1ms, payload: 1KiB}
        client: {concurrency: 1}
        models: [sequential]
        repetitions: 2
        sweep: {parameter: network.rtt, values: [0, %dms]}
        run: {preflight: false}
        """.formatted(DAYS, RTT_MS));
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    int exit = runner(console).execute(request(scenario, tmp));
    String printed = console.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(printed).isZero();
    assertThat(printed).contains("Sweep over network.rtt").contains("per unit of network.rtt");

    Path dir = onlyResultsDir(tmp);
    List<Path> runs;
    try (Stream<Path> s = Files.list(dir.resolve("runs"))) {
      runs = s.sorted().toList();
    }
    assertThat(runs).extracting(p -> p.getFileName().toString()).containsExactly(
        "001-sequential-rtt0-r1", "002-sequential-rtt250-r1", "003-sequential-rtt0-r2",
        "004-sequential-rtt250-r2");
    for (Path runDir : runs) {
      JsonNode run = Json.mapper().readTree(runDir.resolve("run.json").toFile());
      assertThat(run.path("outcome").asText()).as(run.path("reason").asText()).isEqualTo("ok");
      assertThat(run.path("result").path("ok").asInt()).isEqualTo(DAYS);
      assertThat(run.path("sweep").path("parameter").asText()).isEqualTo("network.rtt");
      int rtt = run.path("sweep").path("value").asInt();
      double phase = run.path("result").path("requestPhaseUs").asDouble() / 1000;
      // each request waits for its round trip: at least DAYS of them, and well under one more
      // second on top (the fare server answers in 1 ms; the rest is the client and loopback)
      assertThat(phase).as("%s at rtt %d ms", runDir.getFileName(), rtt)
          .isGreaterThanOrEqualTo(DAYS * rtt * 0.98).isLessThan(DAYS * rtt + 1_000.0);
      if (rtt == 0) {
        // No latency left over from the 250 ms point, not even one direction's half: a
        // request that did not wait for it. Its fastest request, not the request phase: the
        // phase includes the cold JVM's first request, which a busy machine (this test beside
        // others) stretched past 500 ms, a toxic or not.
        assertThat(run.path("result").path("latency").path("minUs").asDouble() / 1000)
            .as("%s: fastest request, ms", runDir.getFileName()).isStrictlyBetween(0.0, RTT_MS / 2.0);
      }
    }
    // network.json keeps the network the experiment started with (the scenario's: none here)
    JsonNode network = Json.mapper().readTree(dir.resolve("network.json").toFile());
    assertThat(network.path("expandedFrom").isEmpty()).as(network.toString()).isTrue();
  }
}
