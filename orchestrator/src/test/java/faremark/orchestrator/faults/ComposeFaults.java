package faremark.orchestrator.faults;

import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.Requirement;
import faremark.orchestrator.compose.ComposePreconditions;
import faremark.orchestrator.compose.ComposeProject;
import faremark.orchestrator.compose.Exec;
import faremark.orchestrator.lifecycle.LeftoverCensus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * docker-compose.yml as a user runs it by hand (docs/compose.md), with a port it publishes
 * already taken by another program on the host. The ports are published by
 * docker-compose.override.yml, on 127.0.0.1 only, each picked by a variable
 * ({@code FAREMARK_SERVER_PORT}, {@code FAREMARK_PROXY_API_PORT}, {@code FAREMARK_PROXY_PORT});
 * the row holds a listening socket on the fare server's, runs the documented {@code up --build},
 * expects Compose to refuse with an error naming the port, then runs the documented {@code down}
 * and counts what is left: containers, networks and volumes of the project, processes (the
 * Compose CLI's, and the engine's docker-proxy for these ports), and the ports themselves.
 */
final class ComposeFaults {
  static final String FAULT = "a port it needs already taken (compose's published ports)";
  private static final String BACKEND = "compose";
  /**
   * The default files (docker-compose.yml with the override, which publishes the ports) and, as
   * docs/compose.md says for a machine without a registry, the offline file. Naming files with
   * -f leaves the override out unless named too: the docs' own example names all three.
   */
  private static final List<String> FILES =
      List.of("docker-compose.yml", "docker-compose.override.yml", "docker-compose.offline.yml");
  /** The variable of the port taken (the fare server's), then the other two published ones. */
  private static final String TAKEN = "FAREMARK_SERVER_PORT";
  private static final List<String> OTHERS = List.of("FAREMARK_PROXY_API_PORT", "FAREMARK_PROXY_PORT");

  private ComposeFaults() {}

  /**
   * {@code up --build} refused (non-zero exit, the port named, the fare server never started);
   * {@code --profile java down} then removes everything {@code up} created.
   */
  static void publishedPortTaken(Suite suite) throws Exception {
    long started = System.nanoTime();
    ComposePreconditions.Verdict verdict = ComposePreconditions.check();
    if (verdict instanceof ComposePreconditions.Skip(String reason)) {
      suite.table.add(FaultTable.Row.skipped(FAULT, BACKEND, reason));
      Requirement.COMPOSE.missing("FaultSuiteIT (" + FAULT + ")", reason); // fails where required
    }
    List<String> compose = ((ComposePreconditions.Ready) verdict).compose();
    Path root = Path.of("").toAbsolutePath().getParent();
    for (String jar : List.of("fare-server/target/fare-server.jar", "shaper/target/shaper.jar")) {
      assertThat(root.resolve(jar)).as(jar + " (the images copy it: run mvn package first)").isRegularFile();
    }
    long pid = ProcessHandle.current().pid();
    String name = "faremark-faults-port-" + pid;
    Fixture f = Fixture.of(suite.tmp, "compose-port", BACKEND);
    f.census.docker("");
    f.census.composeProject(name);

    ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put(TAKEN, taken.getLocalPort());
    for (String variable : OTHERS) {
      ports.put(variable, freePort());
    }
    int port = ports.get(TAKEN);
    Map<String, String> variables = new LinkedHashMap<>(f.census.environment());
    ports.forEach((k, v) -> variables.put(k, v.toString()));
    variables.put("FAREMARK_MODEL", "virtual-threads");
    List<String> timings = new ArrayList<>();
    ComposeProject project = new ComposeProject(compose, root, name, "faults-" + pid, FILES, "java", variables);
    try (Suite.Recorder row = suite.row(FAULT, BACKEND); project) {
      // Only the two services that publish ports: the fault is theirs, and with nothing that
      // depends on them nothing can send traffic over the project's bridge even if up went on.
      long t0 = System.nanoTime();
      Exec.Result up = project.compose(ofMinutes(5), "up", "--build", "--detach", "fare-server", "toxiproxy");
      timings.add("up --build " + seconds(t0));
      String said = up.stderr() + "\n" + up.stdout();
      String line = said.lines().filter(l -> l.contains("127.0.0.1:" + port)).findFirst()
          .orElse("(no line names 127.0.0.1:" + port + ")");
      Map<String, String> states = states(name);
      row.outcome = "compose: " + quote(line) + " (fare-server " + states.getOrDefault("fare-server", "absent")
          + ", toxiproxy " + states.getOrDefault("toxiproxy", "absent") + ")";
      row.exit = "up " + up.exit();
      assertThat(up.exit()).as("up refuses:\n" + up.describe()).isNotZero();
      assertThat(line).as(up.describe()).contains("address already in use");
      assertThat(states.get("fare-server")).as("the fare server never started: " + states).isEqualTo("created");

      long t1 = System.nanoTime();
      Exec.Result down = project.compose(ofMinutes(2), "down");
      timings.add("down " + seconds(t1));
      row.exit += ", down " + down.exit();
      assertThat(down.ok()).as(down.describe()).isTrue();
      row.kept = "- (no run: compose)";
      taken.close();
      LeftoverCensus.Verdict census = f.leftBehind(Suite.CLEAN_AT_EXIT);
      List<String> left = new ArrayList<>(census.leftBehind());
      left.addAll(dockerProxies(ports.values()));
      ports.forEach((variable, p) -> {
        if (!free(p)) {
          left.add("port 127.0.0.1:" + p + " (" + variable + ") still taken");
        }
      });
      row.left = new LeftoverCensus.Verdict(left, census.waited()).describe();
      assertThat(left).as("left behind after down").isEmpty();
    } finally {
      taken.close();
      timings.add(String.format(Locale.ROOT, "clean-up of the images %.1f s", project.cleanupTook().toMillis() / 1e3));
      System.err.println("[faremark] FaultSuiteIT compose row (" + String.join(" ", compose) + "): "
          + seconds(started) + " in all; " + String.join(", ", timings));
    }
  }

  /** Compose's error line without its container name and endpoint hash, which vary per run. */
  static String quote(String line) {
    return line.strip().replaceFirst("^ERROR: for \\S+\\s+", "")
        .replaceFirst("driver failed programming external connectivity on endpoint \\S+ \\([0-9a-f]+\\): ", "… ");
  }

  /** Service → container state ("created", "running", "exited") of the project's containers. */
  private static Map<String, String> states(String project) throws IOException, InterruptedException {
    Map<String, String> states = new LinkedHashMap<>();
    for (String l : DockerCli.run("ps", "-a", "--filter", "label=com.docker.compose.project=" + project,
        "--format", "{{.Label \"com.docker.compose.service\"}} {{.State}}")) {
      String[] f = l.strip().split(" ", 2);
      states.put(f[0], f.length > 1 ? f[1] : "?");
    }
    return states;
  }

  /**
   * The engine's userland proxies still serving one of {@code ports}: dockerd starts them, so
   * the census's mark does not reach them; {@code -host-port P} on their command line does.
   */
  private static List<String> dockerProxies(java.util.Collection<Integer> ports) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
        List<String> args;
        try {
          args = List.of(new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).split("\0"));
        } catch (IOException e) {
          continue; // ended meanwhile
        }
        int flag = args.indexOf("-host-port");
        if (!args.isEmpty() && args.get(0).endsWith("docker-proxy") && flag >= 0 && flag + 1 < args.size()
            && ports.contains(Integer.parseInt(args.get(flag + 1)))) {
          found.add("process " + p.getFileName() + " docker-proxy -host-port " + args.get(flag + 1));
        }
      }
    }
    return found;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Whether 127.0.0.1:{@code port} can be listened on again. */
  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String seconds(long startNanos) {
    return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
  }
}
