package faremark.shaper.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The processes {@link ProxyThroughput} measures — shapers with their proxies, relays — started
 * from their jars or the system, each separately, and all ended by {@link #stopAll}.
 */
final class BenchProcesses {
  /**
   * Descriptors a relay or shaper may open besides its connections and what it holds at rest: the
   * API's and the memory probe's (JMX) sockets, and a margin for connections still closing.
   */
  static final int SPARE_DESCRIPTORS = 50;

  private final int latencyMs;
  private final List<Launched> launched = new ArrayList<>();
  private final String java = ProcessHandle.current().info().command().orElse("java");

  BenchProcesses(int latencyMs) {
    this.latencyMs = latencyMs;
  }

  String java() {
    return java;
  }

  /**
   * A shaper with two proxies to the fare server: without toxics, and with latency. With {@code
   * more} processes, each of them serves the same two proxies on the same ports ({@code
   * -reuse-port}), as faremark runs its proxy where one process cannot hold every connection.
   */
  record Shaper(
      String label, String jar, String jvmOptions, Launched process, int plainPort,
      int toxicPort, List<Launched> more) {
    /** Every process of this shaper, the first one first. */
    List<Launched> all() {
      List<Launched> all = new ArrayList<>(List.of(process));
      all.addAll(more);
      return all;
    }
  }

  /**
   * One thing wrk is pointed at; {@code process} (and {@code more}, for a shaper of several
   * processes) is whose CPU time is charged to it.
   */
  record Target(
      String name, int port, Launched process, int latencyMs, int maxConnections,
      List<Launched> more) {
    Target(String name, int port, Launched process, int latencyMs) {
      this(name, port, process, latencyMs, Integer.MAX_VALUE, List.of());
    }

    Target(String name, int port, Launched process, int latencyMs, int maxConnections) {
      this(name, port, process, latencyMs, maxConnections, List.of());
    }

    /** CPU seconds of every process charged to this target. */
    double cpuSeconds() throws IOException {
      double sum = process.cpuSeconds();
      for (Launched each : more) {
        sum += each.cpuSeconds();
      }
      return sum;
    }
  }

  Target startRelay(String relay, int farePort) throws IOException, InterruptedException {
    if (relay.equals("socat")) {
      int relayPort = freePort();
      // nodelay: without it, Nagle's algorithm holds the page's last segment for the delayed ACK.
      Launched socat = launch("socat", List.of("socat", "-b", "65536",
          "TCP-LISTEN:" + relayPort + ",bind=127.0.0.1,fork,reuseaddr,backlog=4096,nodelay",
          "TCP:127.0.0.1:" + farePort + ",nodelay"));
      socat.awaitPort(relayPort, 30);
      return new Target("socat relay", relayPort, socat, 0);
    }
    if (!relay.startsWith("netty-")) {
      throw new IllegalArgumentException("bench.relays: unknown relay " + relay
          + " (expected socat, netty-copy or netty-splice)");
    }
    String mode = relay.substring("netty-".length());
    String classes =
        Path.of(ProxyThroughput.class.getProtectionDomain().getCodeSource().getLocation().getPath())
            .toString();
    Launched netty = launch(relay, List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
        jar(System.getProperty("bench.shaperJar", "shaper/target/shaper.jar"))
            + File.pathSeparator + classes,
        NettyRelay.class.getName(), mode, "0", Integer.toString(farePort)));
    int port = Integer.parseInt(
        netty.awaitLine(Pattern.compile("relay listening on [^:]+:(\\d+)"), 60));
    // splice holds a pipe (two descriptors) per direction besides the two sockets.
    int descriptorsPerConnection = mode.equals("splice") ? 6 : 2;
    return new Target("netty " + mode + " relay", port, netty, 0,
        connectionCapacity(netty, descriptorsPerConnection));
  }

  /**
   * How many proxied connections {@code process} can hold within its open-file limit: what the
   * limit leaves beside the descriptors it holds now (jars, event loops, listeners), less
   * {@link #SPARE_DESCRIPTORS}, divided by what one connection takes.
   */
  static int connectionCapacity(Launched process, int descriptorsPerConnection)
      throws IOException {
    long limit = process.openFilesSoftLimit();
    if (limit == Long.MAX_VALUE) {
      return Integer.MAX_VALUE;
    }
    long spare = limit - process.openFiles() - SPARE_DESCRIPTORS;
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, spare / descriptorsPerConnection));
  }

  Shaper startShaper(String label, String jar, String jvmOptions, int farePort)
      throws IOException, InterruptedException {
    return startShaper(label, jar, jvmOptions, farePort, 1);
  }

  /**
   * {@code count} shaper processes serving the same two proxies on the same ports: each started
   * with {@code -reuse-port} where there are several, the proxies created on the first at free
   * ports and on the others at those ports.
   */
  Shaper startShaper(String label, String jar, String jvmOptions, int farePort, int count)
      throws IOException, InterruptedException {
    List<Launched> started = new ArrayList<>();
    int plainPort = 0;
    int toxicPort = 0;
    for (int i = 0; i < count; i++) {
      List<String> command = new ArrayList<>(List.of(java));
      if (!jvmOptions.isBlank()) {
        command.addAll(List.of(jvmOptions.trim().split("\\s+")));
      }
      command.addAll(List.of("-jar", jar(jar), "-port", "0"));
      if (count > 1) {
        command.add("-reuse-port");
      }
      String name = count == 1 ? label : label + " " + (i + 1) + "/" + count;
      Launched process = launch(name, command);
      started.add(process);
      int api = Integer.parseInt(process.awaitLine(Pattern.compile("listening on [^ ]+:(\\d+)"), 60));
      System.out.println(name + " (" + jar + (jvmOptions.isBlank() ? "" : ", " + jvmOptions.trim())
          + "): " + process.tail());
      plainPort = createProxy(api, "plain", plainPort, farePort);
      toxicPort = createProxy(api, "latency", toxicPort, farePort);
      post(api, "/proxies/latency/toxics",
          "{\"name\":\"latency_downstream\",\"type\":\"latency\",\"stream\":\"downstream\","
              + "\"toxicity\":1.0,\"attributes\":{\"latency\":" + latencyMs + ",\"jitter\":0}}");
    }
    return new Shaper(label, jar, jvmOptions, started.get(0), plainPort, toxicPort,
        List.copyOf(started.subList(1, started.size())));
  }

  Launched launch(String name, List<String> command) throws IOException {
    Launched process = Launched.start(name, command);
    synchronized (launched) {
      launched.add(process);
    }
    return process;
  }

  /** Ends one process early (and forgets it). */
  void stop(Launched process) {
    synchronized (launched) {
      launched.remove(process);
    }
    process.close();
  }

  void stopAll() {
    synchronized (launched) {
      for (Launched process : launched.reversed()) {
        process.close();
      }
      launched.clear();
    }
  }

  static String jar(String path) throws IOException {
    Path jar = Path.of(path);
    if (!Files.isRegularFile(jar)) {
      throw new IOException(jar + " not found: build it first (see shaper/bench/throughput.sh)");
    }
    return jar.toString();
  }

  /** @param port where it listens; 0 picks a free port */
  private static int createProxy(int api, String name, int port, int upstream)
      throws IOException, InterruptedException {
    String created = post(api, "/proxies", "{\"name\":\"" + name + "\",\"listen\":\"127.0.0.1:" + port + "\","
        + "\"upstream\":\"127.0.0.1:" + upstream + "\",\"enabled\":true}");
    Matcher listen = Pattern.compile("\"listen\":\"[^\"]*:(\\d+)\"").matcher(created);
    if (!listen.find()) {
      throw new IOException("proxy " + name + ": no listen address in " + created);
    }
    return Integer.parseInt(listen.group(1));
  }

  private static String post(int api, String path, String json)
      throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api + path))
              .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IOException("POST " + path + ": " + response.statusCode() + " " + response.body());
      }
      return response.body();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** This process's open-file limit, {@code "<soft> soft / <hard> hard"}. */
  static String openFilesLimit() throws IOException {
    String[] limit = openFilesLine(Path.of("/proc/self/limits"));
    return limit == null ? "unknown" : limit[0] + " soft / " + limit[1] + " hard";
  }

  /** The soft open-file limit in a {@code /proc/<pid>/limits} file; {@code Long.MAX_VALUE}: none. */
  static long softLimit(Path limits) throws IOException {
    String[] limit = openFilesLine(limits);
    if (limit == null) {
      throw new IOException(limits + ": no \"Max open files\" line");
    }
    return limit[0].equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(limit[0]);
  }

  private static String[] openFilesLine(Path limits) throws IOException {
    for (String line : Files.readAllLines(limits)) {
      if (line.startsWith("Max open files")) {
        String[] parts = line.trim().split("\\s+");
        return new String[] {parts[3], parts[4]};
      }
    }
    return null;
  }
}
