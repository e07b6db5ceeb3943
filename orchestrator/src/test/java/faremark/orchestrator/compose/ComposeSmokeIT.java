package faremark.orchestrator.compose;

import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import faremark.contract.DataSize;
import faremark.contract.FareGenerator;
import faremark.contract.Json;
import faremark.contract.Route;
import faremark.contract.WorkloadEvent;
import faremark.contract.WorkloadResult;
import faremark.fareserver.ExpectedAnswer;
import faremark.fareserver.ServerStats;
import faremark.orchestrator.Requirement;
import faremark.orchestrator.verify.Verification;
import faremark.orchestrator.verify.Verifier;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The docker-compose files, end to end, the way a user runs them by hand: build the images from
 * the offline bases, bring up fare-server, the proxy (the shaper, as offline) and the network
 * setup with host networking on loopback, run one model (virtual-threads, named by
 * FAREMARK_MODEL on the {@code java} service), read its {@code done} line and verify its fares
 * against {@link FareGenerator}, then take everything down.
 *
 * <p>Skipped, with the reason on stderr, when no engine answers, no Compose CLI is installed or
 * the offline bases are missing. Needs the module jars (fare-server, shaper, workload-java) in
 * their target folders: {@code mvn package} or {@code verify} builds them first.
 */
class ComposeSmokeIT {
  private static final String MODEL = "virtual-threads";
  /** The service and profile of the model's language; the model itself is a variable. */
  private static final String SERVICE = "java";
  private static final int DAYS = 20;
  private static final Duration SERVICE_TIME = Duration.ofMillis(50);
  private static final Duration RTT = Duration.ofMillis(20);
  private static final long SEED = 42;
  private static final DataSize PAYLOAD = DataSize.ofKiB(8);
  private static final String MEMORY_LIMIT = "256m";
  private static final List<String> FILES =
      List.of("docker-compose.yml", "docker-compose.offline.yml", "docker-compose.host.yml");

  private static ComposePreconditions.Ready compose;
  private static Path root;

  @BeforeAll
  static void requireDockerComposeAndOfflineBases() {
    ComposePreconditions.Verdict verdict = ComposePreconditions.check();
    if (verdict instanceof ComposePreconditions.Skip(String reason)) {
      Requirement.COMPOSE.missing("ComposeSmokeIT", reason);
    }
    compose = (ComposePreconditions.Ready) verdict;
    root = Path.of("").toAbsolutePath().getParent();
    assertThat(root.resolve("docker-compose.yml")).as("the repository root").isRegularFile();
    for (String jar : List.of("fare-server/target/fare-server.jar", "shaper/target/shaper.jar",
        "workload/java/target/workload-java.jar")) {
      assertThat(root.resolve(jar)).as(jar + " (run mvn package first)").isRegularFile();
    }
  }

  @Test
  void oneModelRunsThroughTheProxyAndItsFaresVerify() throws Exception {
    long pid = ProcessHandle.current().pid();
    Map<String, Integer> ports = freePorts("FAREMARK_SERVER_PORT", "FAREMARK_PROXY_API_PORT", "FAREMARK_PROXY_PORT");
    Map<String, String> variables = new LinkedHashMap<>();
    ports.forEach((k, v) -> variables.put(k, v.toString()));
    variables.put("FAREMARK_MODEL", MODEL);
    variables.put("FAREMARK_DAYS", Integer.toString(DAYS));
    variables.put("FAREMARK_CONCURRENCY", Integer.toString(DAYS));
    variables.put("FAREMARK_POOL_SIZE", Integer.toString(DAYS));
    variables.put("FAREMARK_SERVICE_TIME", SERVICE_TIME.toMillis() + "ms");
    variables.put("FAREMARK_SEED", Long.toString(SEED));
    variables.put("FAREMARK_PAYLOAD", PAYLOAD.toString());
    variables.put("FAREMARK_RTT", RTT.toMillis() + "ms");
    variables.put("FAREMARK_MEMORY_LIMIT", MEMORY_LIMIT);
    List<String> timings = new ArrayList<>();

    ComposeProject project = new ComposeProject(compose.compose(), root, "faremark-smoke-" + pid,
        "smoke-" + pid, FILES, SERVICE, variables);
    try (project) {
      long t0 = System.nanoTime();
      Exec.Result build = project.compose(ofMinutes(8), "build");
      assertThat(build.ok()).as(build.describe()).isTrue();
      timings.add("build " + seconds(t0));

      long t1 = System.nanoTime();
      Exec.Result up = project.compose(ofMinutes(3), "up", "-d", "--no-build", SERVICE);
      assertThat(up.ok()).as(up.describe()).isTrue();
      String workload = project.compose(ofSeconds(30), "ps", "-q", SERVICE).stdout().strip();
      assertThat(workload).as("the " + SERVICE + " container running " + MODEL).isNotEmpty();
      Exec.Result waited = ComposeProject.docker(ofMinutes(3), "wait", workload);
      timings.add("up + run " + seconds(t1));
      Exec.Result logs = ComposeProject.docker(ofSeconds(30), "logs", workload);
      assertThat(waited.stdout().strip()).as("exit code of " + MODEL + "\n" + logs.describe()).isEqualTo("0");

      WorkloadResult result = doneLine(logs.stdout());
      assertThat(result.model()).isEqualTo(MODEL);
      assertThat(result.requested()).isEqualTo(DAYS);
      assertThat(result.ok()).isEqualTo(DAYS);
      assertThat(result.failed()).isEmpty();
      Verification verification = new Verifier(ExpectedAnswer.compute(new Route("PRG", "BRQ"),
          LocalDate.parse("2018-06-01"), DAYS, new FareGenerator(SEED, PAYLOAD.bytes())).aggregate())
          .verify(Optional.of(result.aggregate()));
      assertThat(verification.describe()).isEqualTo("verified " + DAYS + "/" + DAYS);
      // Every request paid the server's service time and the proxy's round trip: the proxy is
      // in the path with the network the variables asked for.
      assertThat(Duration.ofNanos(result.latency().minUs() * 1000))
          .isGreaterThanOrEqualTo(SERVICE_TIME.plus(RTT).minusMillis(5));

      assertNetworkSetUp(project, ports.get("FAREMARK_PROXY_PORT"), ports.get("FAREMARK_SERVER_PORT"));
      assertThat(serverStats(ports.get("FAREMARK_SERVER_PORT")).served()).isEqualTo(DAYS);
      assertContainersAreUnprivilegedOnTheHostNetwork(project, workload);
    } finally {
      // try-with-resources has closed the project by now (down, images, leftovers checked).
      timings.add(String.format(java.util.Locale.ROOT, "down + cleanup %.1f s",
          project.cleanupTook().toMillis() / 1000.0));
      System.err.println("ComposeSmokeIT (" + String.join(" ", compose.compose()) + " "
          + compose.version() + "): " + String.join(", ", timings));
    }
    assertThat(project.containers()).isEmpty();
    assertThat(project.networks()).isEmpty();
    assertThat(project.images()).isEmpty();
  }

  /** The model's stdout holds exactly its events; the {@code done} one carries the result. */
  private static WorkloadResult doneLine(String stdout) {
    List<WorkloadEvent> events = stdout.lines().filter(l -> !l.isBlank()).map(WorkloadEvent::parse).toList();
    assertThat(events).hasSize(2);
    assertThat(events.get(0)).isInstanceOf(WorkloadEvent.Ready.class);
    assertThat(events.get(1)).isInstanceOf(WorkloadEvent.Done.class);
    return ((WorkloadEvent.Done) events.get(1)).result();
  }

  /** The setup service exited 0 and printed the proxy and its two latency toxics. */
  private static void assertNetworkSetUp(ComposeProject project, int proxyPort, int serverPort)
      throws Exception {
    String network = project.compose(ofSeconds(30), "ps", "-q", "network").stdout().strip();
    Exec.Result logs = ComposeProject.docker(ofSeconds(30), "logs", network);
    JsonNode report = Json.mapper().readTree(logs.stdout());
    assertThat(report.at("/proxy/listen").asText()).as(logs.describe()).isEqualTo("127.0.0.1:" + proxyPort);
    assertThat(report.at("/proxy/upstream").asText()).isEqualTo("127.0.0.1:" + serverPort);
    assertThat(report.at("/api/version").asText()).startsWith("2.12.0");
    assertThat(report.get("toxics")).extracting(t -> t.get("name").asText())
        .containsExactlyInAnyOrder("rtt_upstream", "rtt_downstream");
  }

  private static ServerStats serverStats(int serverPort) throws Exception {
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<byte[]> r = client.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serverPort + "/stats"))
              .timeout(ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(r.statusCode()).isEqualTo(200);
      return Json.mapper().readValue(r.body(), ServerStats.class);
    }
  }

  /**
   * Every container of the project: host networking (this machine allows no bridge), user
   * nobody; the model's with the memory limit and no swap beyond it.
   */
  private static void assertContainersAreUnprivilegedOnTheHostNetwork(ComposeProject project,
      String workload) throws Exception {
    List<String> containers = project.containers();
    assertThat(containers).hasSize(4); // fare-server, toxiproxy, network, the model
    for (String id : containers) {
      Exec.Result inspect = ComposeProject.docker(ofSeconds(30), "inspect", "--format",
          "{{.Name}} {{.HostConfig.NetworkMode}} {{.Config.User}} {{.HostConfig.Memory}} {{.HostConfig.MemorySwap}}", id);
      String[] f = inspect.stdout().strip().split(" ");
      assertThat(f[1]).as(inspect.stdout()).isEqualTo("host");
      assertThat(f[2]).as(inspect.stdout()).isEqualTo("65534:65534");
      if (workload.startsWith(id) || id.startsWith(workload)) {
        long limit = 256L << 20;
        assertThat(Long.parseLong(f[3])).as(inspect.stdout()).isEqualTo(limit);
        assertThat(Long.parseLong(f[4])).as(inspect.stdout()).isEqualTo(limit);
      }
    }
  }

  /** Free loopback ports for the three published services, so no user's stack is in the way. */
  private static Map<String, Integer> freePorts(String... names) throws IOException {
    Map<String, Integer> ports = new LinkedHashMap<>();
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (String name : names) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        held.add(s);
        ports.put(name, s.getLocalPort());
      }
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
    return ports;
  }

  private static String seconds(long startNanos) {
    return String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
  }
}
