package faremark.shaper.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.toxic.Bandwidth;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import faremark.shaper.Shaper;
import faremark.shaper.ShaperOptions;
import faremark.shaper.toxic.PlannedToxic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The setup against the embedded shaper (Toxiproxy's API) and a loopback HTTP upstream. */
class NetworkSetupTest {
  private Shaper shaper;
  private HttpServer upstream;
  private final AtomicInteger healthChecks = new AtomicInteger();
  /** The upstream answers 503 to this many health checks, then 200: a starting fare-server. */
  private volatile int unhealthyChecks = 0;
  private String api;
  private int listenPort;

  @BeforeEach
  void start() throws IOException {
    shaper = Shaper.start(ShaperOptions.loopbackEphemeral());
    api = "http://127.0.0.1:" + shaper.apiAddress().getPort();
    upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    upstream.createContext("/health", exchange -> {
      int check = healthChecks.incrementAndGet();
      exchange.sendResponseHeaders(check <= unhealthyChecks ? 503 : 200, -1);
      exchange.close();
    });
    upstream.createContext("/hello", exchange -> {
      byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    upstream.start();
    listenPort = freePort();
  }

  @AfterEach
  void stop() {
    upstream.stop(0);
    shaper.close();
  }

  private record Outcome(int exit, String out, String err) {}

  private static Outcome run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = NetworkSetup.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private String[] args(String... network) {
    List<String> a = new ArrayList<>(List.of("--api", api, "--listen", "127.0.0.1:" + listenPort,
        "--upstream", "127.0.0.1:" + upstream.getAddress().getPort(), "--timeout", "10s"));
    a.addAll(List.of(network));
    return a.toArray(String[]::new);
  }

  @Test
  void makesTheProxyWithItsToxicsAndPrintsThemAsReadBack() throws Exception {
    Outcome o = run(args("--rtt", "100ms", "--jitter", "2ms", "--bandwidth", "1MB/s",
        "--wait-for", "http://127.0.0.1:" + upstream.getAddress().getPort() + "/health"));

    assertThat(o.exit()).as(o.err()).isZero();
    assertThat(healthChecks).hasPositiveValue();
    JsonNode report = ToxiproxyHttp.MAPPER.readTree(o.out());
    assertThat(report.at("/api/version").asText()).startsWith("2.12.0");
    assertThat(report.at("/proxy/name").asText()).isEqualTo("fares");
    assertThat(report.at("/proxy/listen").asText()).isEqualTo("127.0.0.1:" + listenPort);
    assertThat(report.at("/expandedFrom/rtt").asText()).isEqualTo("100ms");
    assertThat(report.at("/expandedFrom/bandwidth").asText()).isEqualTo("1000KB/s");
    // Toxiproxy lists a proxy's toxics upstream ones first, whatever order they were made in.
    assertThat(report.get("toxics")).extracting(t -> t.get("name").asText())
        .containsExactly("rtt_upstream", "bandwidth_upstream", "rtt_downstream", "bandwidth_downstream");
    assertThat(report.get("toxics")).extracting(t -> t.get("name").asText())
        .containsExactlyInAnyOrder("rtt_upstream", "rtt_downstream", "bandwidth_upstream", "bandwidth_downstream");
    assertThat(o.err()).contains("rtt_downstream: latency downstream latency=50 jitter=1");

    // Another client sees the same network on the same API.
    Proxy proxy = new ToxiproxyClient("127.0.0.1", shaper.apiAddress().getPort()).getProxy("fares");
    assertThat(proxy.getUpstream()).isEqualTo("127.0.0.1:" + upstream.getAddress().getPort());
    Latency down = (Latency) proxy.toxics().get("rtt_downstream");
    assertThat(down.getLatency()).isEqualTo(50);
    assertThat(down.getJitter()).isEqualTo(1);
    assertThat(((Bandwidth) proxy.toxics().get("bandwidth_upstream")).getRate()).isEqualTo(1000);

    // And traffic through it pays the round trip: 100 ms ± 2 ms, asserted with room for a busy machine.
    long started = System.nanoTime();
    assertThat(get("/hello")).isEqualTo("hello");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(95));
  }

  @Test
  void replacesAProxyOfTheSameName() throws Exception {
    assertThat(run(args("--rtt", "200ms")).exit()).isZero();
    Outcome again = run(args());
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.err()).contains("replaced the existing proxy fares", "no toxics");
    assertThat(ToxiproxyHttp.MAPPER.readTree(again.out()).get("toxics")).isEmpty();
    assertThat(new ToxiproxyClient("127.0.0.1", shaper.apiAddress().getPort()).getProxy("fares")
        .toxics().getAll()).isEmpty();
    assertThat(get("/hello")).isEqualTo("hello");
  }

  @Test
  void waitsForTheUpstreamUntilItIsHealthy() throws Exception {
    unhealthyChecks = 2; // healthy from the third check on, as a starting fare-server becomes
    Outcome o = run(args("--wait-for", "http://127.0.0.1:" + upstream.getAddress().getPort() + "/health"));
    assertThat(o.exit()).as(o.err()).isZero();
    assertThat(healthChecks).hasValueGreaterThanOrEqualTo(3);
  }

  @Test
  void anApiThatNeverAnswersFailsWithinTheTimeout() throws Exception {
    int closed = freePort();
    long started = System.nanoTime();
    Outcome o = run("--api", "http://127.0.0.1:" + closed, "--listen", "127.0.0.1:1",
        "--upstream", "127.0.0.1:2", "--timeout", "300ms");
    assertThat(o.exit()).isEqualTo(NetworkSetup.EXIT_FAILED);
    assertThat(o.err()).contains("GET http://127.0.0.1:" + closed + "/version did not answer 200 in time");
    assertThat(o.out()).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aProxyTheApiRefusesIsReportedWithTheApisAnswer() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Outcome o = run("--api", api, "--listen", "127.0.0.1:" + taken.getLocalPort(),
          "--upstream", "127.0.0.1:2");
      assertThat(o.exit()).isEqualTo(NetworkSetup.EXIT_FAILED);
      assertThat(o.err()).contains("POST " + api + "/proxies answered 500");
    }
    assertThat(new ToxiproxyClient("127.0.0.1", shaper.apiAddress().getPort()).getProxies()).isEmpty();
  }

  @Test
  void badFlagsExitTwoBeforeAnythingIsSent() {
    Outcome o = run(args("--rtt", "fast"));
    assertThat(o.exit()).isEqualTo(NetworkSetup.EXIT_BAD_FLAGS);
    assertThat(o.err()).contains("network-setup: --rtt: expected a duration with a unit", "see --help");
    assertThat(o.out()).isEmpty();
    assertThat(run("--help").out()).contains("usage:");
  }

  @Test
  void checkRefusesAToxicThatDiffersOrWasNotAskedFor() throws Exception {
    List<PlannedToxic> planned =
        ((SetupOptions.Run) SetupOptions.parse(args("--rtt", "10ms"))).options().toxics();
    JsonNode up = ToxiproxyHttp.MAPPER.readTree("""
        {"name":"rtt_upstream","type":"latency","stream":"upstream","toxicity":1,
         "attributes":{"latency":5,"jitter":0}}""");
    JsonNode downWrong = ToxiproxyHttp.MAPPER.readTree("""
        {"name":"rtt_downstream","type":"latency","stream":"downstream","toxicity":1,
         "attributes":{"latency":6,"jitter":0}}""");
    JsonNode down = ToxiproxyHttp.MAPPER.readTree("""
        {"name":"rtt_downstream","type":"latency","stream":"downstream","toxicity":1.0,
         "attributes":{"latency":5,"jitter":0}}""");
    JsonNode extra = ToxiproxyHttp.MAPPER.readTree("""
        {"name":"slow","type":"latency","stream":"upstream","toxicity":1,"attributes":{"latency":1,"jitter":0}}""");

    NetworkSetup.check(planned, List.of(up, down));
    assertThatThrownBy(() -> NetworkSetup.check(planned, List.of(up, downWrong)))
        .hasMessageContaining("did not take toxic rtt_downstream");
    assertThatThrownBy(() -> NetworkSetup.check(planned, List.of(up)))
        .hasMessageContaining("no such toxic");
    assertThatThrownBy(() -> NetworkSetup.check(planned, List.of(up, down, extra)))
        .hasMessageContaining("toxics nobody asked for: [slow]");
  }

  private String get(String path) throws Exception {
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<String> r = client.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listenPort + path))
              .timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      return r.body();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
