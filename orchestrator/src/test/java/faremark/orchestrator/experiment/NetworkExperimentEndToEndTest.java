package faremark.orchestrator.experiment;

import static faremark.orchestrator.experiment.InProcessExperiment.onlyResultsDir;
import static faremark.orchestrator.experiment.InProcessExperiment.request;
import static faremark.orchestrator.experiment.InProcessExperiment.runner;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import faremark.contract.FailureCause;
import faremark.contract.Json;
import faremark.orchestrator.lifecycle.Cleanup;
import faremark.orchestrator.scenario.ScenarioFiles;
import faremark.shaper.Shaper;
import faremark.shaper.ShaperOptions;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The runner through the embedded shaper, for real: workloads reach the fare server only via
 * the proxy, the toxics are applied with toxiproxy-java and read back into {@code network.json},
 * and injected faults come out as failed requests counted by cause. Timing is asserted one way
 * only (never faster than the round trips allow), with room for a loaded machine.
 */
class NetworkExperimentEndToEndTest {
  private static final TypeReference<Map<String, Integer>> COUNTS = new TypeReference<>() {};

  @TempDir Path tmp;

  @Test
  void theRoundTripIsInEveryRequestAndNetworkJsonSaysWhatTheProxyHolds() throws IOException {
    Path scenario = ScenarioFiles.repoRoot().resolve("scenarios/network-smoke.yaml");
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    int exit = runner(console).execute(request(scenario, tmp));
    String printed = console.toString(StandardCharsets.UTF_8);

    assertThat(exit).as(printed).isZero();
    assertThat(printed).contains("network: proxy 127.0.0.1:").contains("rtt 100ms")
        .contains("embedded shaper");
    Path dir = onlyResultsDir(tmp);
    JsonNode network = Json.mapper().readTree(dir.resolve("network.json").toFile());
    assertThat(network.path("api").path("embedded").asBoolean()).isTrue();
    assertThat(network.path("expandedFrom").path("rtt").asText()).isEqualTo("100ms");
    List<String> toxics = new ArrayList<>();
    for (JsonNode t : network.path("toxics")) {
      assertThat(t.path("type").asText()).isEqualTo("latency");
      assertThat(t.path("attributes").path("latency").asLong()).isEqualTo(50);
      assertThat(t.path("toxicity").asDouble()).isEqualTo(1.0);
      toxics.add(t.path("name").asText() + "/" + t.path("stream").asText());
    }
    assertThat(toxics).containsExactlyInAnyOrder("rtt_upstream/upstream", "rtt_downstream/downstream");
    String proxyListen = network.path("proxy").path("listen").asText();

    JsonNode seq = Json.mapper().readTree(dir.resolve("runs/001-sequential-r1/run.json").toFile());
    assertThat(seq.path("outcome").asText()).isEqualTo("ok");
    // 10 sequential requests, each one round trip of 100 ms at least (plus 10 ms service)
    assertThat(seq.path("result").path("requestPhaseUs").asLong()).isGreaterThanOrEqualTo(10 * 110_000);
    JsonNode spec = Json.mapper().readTree(dir.resolve("runs/001-sequential-r1/spec.json").toFile());
    assertThat(spec.path("target").asText()).isEqualTo("http://" + proxyListen);
    assertThat(spec.path("retries").asInt()).isZero();
    JsonNode vt = Json.mapper().readTree(dir.resolve("runs/002-virtual-threads-r1/run.json").toFile());
    assertThat(vt.path("result").path("latency").path("minUs").asLong()).isGreaterThanOrEqualTo(110_000);

    // the ideal counts the network: 10 × (10 ms + 100 ms)
    JsonNode summary = Json.mapper().readTree(dir.resolve("summary.json").toFile());
    assertThat(summary.path("models").get(0).path("idealRequestPhaseMs").asDouble()).isEqualTo(1100.0);
    assertThat(summary.path("models").get(1).path("idealRequestPhaseMs").asDouble()).isEqualTo(110.0);
    assertThat(Files.readString(dir.resolve("scenario.resolved.yaml")))
        .contains("expandedFrom:").contains("name: rtt_upstream");
    assertThat(Cleanup.global().live()).as("proxy and server deregistered").isEmpty();
  }

  /** Each fault toxic at toxicity 1: the cause every request reports. */
  @ParameterizedTest(name = "{0} → {2}")
  @CsvSource(delimiter = '|', value = {
    "reset_peer | {timeout: 0}           | " + FailureCause.RESET,
    "timeout    | {timeout: 0}           | " + FailureCause.TIMEOUT,
    "timeout    | {timeout: 100}         | " + FailureCause.CLOSED,
    "limit_data | {bytes: 2000}          | " + FailureCause.CLOSED,
  })
  @Timeout(120)
  void injectedFaultsAreFailedRequestsByCause(String type, String attributes, String cause)
      throws IOException {
    Path scenario = tmp.resolve("fault.yaml");
    Files.writeString(scenario, """
        name: fault
        job: {days: 3}
        server: {serviceTime: 5ms, payload: 8KiB}
        client: {requestTimeout: 1s, connections: per-request}
        network:
          toxics:
            - {type: %s, attributes: %s}
        models: [sequential]
        repetitions: 1
        run: {timeout: 1m}
        """.formatted(type, attributes));
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    int exit = runner(console).execute(request(scenario, tmp));

    assertThat(exit).as(console.toString(StandardCharsets.UTF_8)).isEqualTo(1);
    JsonNode run = Json.mapper().readTree(onlyResultsDir(tmp).resolve("runs/001-sequential-r1/run.json").toFile());
    assertThat(run.path("outcome").asText()).isNotEqualTo("ok");
    assertThat(Json.mapper().convertValue(run.path("result").path("failed"), COUNTS))
        .as(run.toString()).isEqualTo(Map.of(cause, 3));
  }

  /**
   * The request timeout is what each swallowed request costs (about a quarter of the attempts,
   * more with retries): 300 ms, twenty times a round trip here (10 ms of network, 5 ms of
   * service), instead of 1 s saves some twenty seconds. A request that took longer for another
   * reason would be one more timeout, a cause this test already expects.
   */
  @Test
  @Timeout(180)
  void aFlakyLinkEndsWithFailuresCountedByCauseAndRetriesShowWhenAllowed() throws IOException {
    String flaky = """
        name: flaky-test
        job: {days: 30}
        server: {serviceTime: 5ms, seed: 7}
        client: {concurrency: 10, connections: per-request, requestTimeout: 300ms, retries: %d}
        network:
          rtt: 10ms
          toxics:
            - {name: reset, type: reset_peer, toxicity: 0.6}
            - {name: swallow, type: timeout, toxicity: 0.4, attributes: {timeout: 0}}
        models: [sequential, async]
        repetitions: 1
        run: {timeout: 2m}
        """;
    Path scenario = tmp.resolve("flaky.yaml");
    Files.writeString(scenario, flaky.formatted(0));
    long started = System.nanoTime();
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    int exit = runner(console).execute(request(scenario, tmp));
    String printed = console.toString(StandardCharsets.UTF_8);

    assertThat(exit).as(printed).isEqualTo(1);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMinutes(2));
    Path dir = onlyResultsDir(tmp);
    for (String run : List.of("001-sequential-r1", "002-async-r1")) {
      JsonNode record = Json.mapper().readTree(dir.resolve("runs/" + run + "/run.json").toFile());
      JsonNode result = record.path("result");
      assertThat(record.path("outcome").asText()).as(run).isNotEqualTo("ok").isNotEqualTo("timed-out");
      Map<String, Integer> failed = Json.mapper().convertValue(result.path("failed"), COUNTS);
      // The toxicity draws are seeded (server.seed seeds the embedded shaper): sequential's
      // connections take them in the same order every run; async's ten at a time take the same
      // draws in the order they happen to connect. Either way: the JDK client re-sends a GET once
      // when its connection is reset before the response starts, so a request fails as reset
      // with p = 0.6² = 0.36 (none of 30: p ≈ 1.5e-6) and times out with p ≈ 0.4 × 0.4 × (1 +
      // 0.6) = 0.26 (none of 30: p ≈ 1.4e-4).
      assertThat(failed).as(run + " " + result).containsOnlyKeys(FailureCause.RESET, FailureCause.TIMEOUT);
      int failedTotal = failed.values().stream().mapToInt(Integer::intValue).sum();
      assertThat(result.path("ok").asInt() + failedTotal).isEqualTo(30);
      assertThat(record.path("reason").asText()).contains("requests failed");
      // every attempt reached the server (the toxics act downstream): the client's own
      // re-sends show as surplus requests there
      assertThat(record.path("server").path("requests").asInt()).isGreaterThan(30);
    }
    assertThat(printed).containsPattern("the HTTP client re-sent [1-9][0-9]* on its own");
    // and the surplus is a figure of its own, per model, in the summary the report is built from
    JsonNode summary = Json.mapper().readTree(dir.resolve("summary.json").toFile());
    for (JsonNode model : summary.path("models")) {
      assertThat(model.path("unrequestedResends").asLong()).as(model.path("model").asText()).isPositive();
    }
    assertThat(printed).contains("requests the HTTP client re-sent on its own (not counted as failed)");

    // the same link with retries: faults are retried, and the retries are on record
    try (Stream<Path> old = Files.list(tmp.resolve("results"))) {
      for (Path p : old.toList()) {
        Files.move(p, tmp.resolve("first-" + p.getFileName()));
      }
    }
    Files.writeString(scenario, flaky.formatted(8));
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    runner(again).execute(request(scenario, tmp));
    JsonNode retried = Json.mapper().readTree(
        onlyResultsDir(tmp).resolve("runs/001-sequential-r1/run.json").toFile()).path("result");
    assertThat(retried.path("details").path("retries").asInt()).isEqualTo(8);
    assertThat(retried.path("details").path("retried").size()).as(retried.toString()).isPositive();
    assertThat(again.toString(StandardCharsets.UTF_8)).contains("retried {");
  }

  @Test
  @Timeout(120)
  void anExternalToxiproxyIsDrivenTheSameWayAndKeepsRunningWithoutOurProxy() throws IOException {
    // A second shaper stands in for a Toxiproxy someone else runs: reached only by its URL.
    try (Shaper external = Shaper.start(ShaperOptions.loopbackEphemeral())) {
      String url = "http://127.0.0.1:" + external.apiAddress().getPort();
      Path scenario = tmp.resolve("ext.yaml");
      Files.writeString(scenario, """
          name: ext
          job: {days: 3}
          server: {serviceTime: 5ms, payload: 8KB}
          network:
            bandwidth: 40KB/s
            proxy: {url: '%s'}
          models: [sequential]
          repetitions: 1
          """.formatted(url));
      ByteArrayOutputStream console = new ByteArrayOutputStream();
      int exit = runner(console).execute(request(scenario, tmp));
      String printed = console.toString(StandardCharsets.UTF_8);

      assertThat(exit).as(printed).isZero();
      assertThat(printed).contains("Toxiproxy at " + url);
      Path dir = onlyResultsDir(tmp);
      JsonNode network = Json.mapper().readTree(dir.resolve("network.json").toFile());
      assertThat(network.path("api").path("embedded").asBoolean()).isFalse();
      assertThat(network.path("api").path("url").asText()).isEqualTo(url);
      assertThat(network.path("toxics").findValuesAsText("type")).containsOnly("bandwidth");
      assertThat(network.path("toxics").findValues("rate")).extracting(JsonNode::asLong).containsOnly(40L);
      // 8000 B at 40 000 B/s: 200 ms a response, at least
      JsonNode run = Json.mapper().readTree(dir.resolve("runs/001-sequential-r1/run.json").toFile());
      assertThat(run.path("result").path("latency").path("minUs").asLong()).isGreaterThanOrEqualTo(190_000);
      assertThat(new ToxiproxyClient("127.0.0.1", external.apiAddress().getPort()).getProxies())
          .as("our proxy is removed, the Toxiproxy itself is not ours to stop").isEmpty();
    }
  }
}
