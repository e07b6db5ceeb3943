package faremark.orchestrator.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * A Docker engine of the test's own, beside the shared one, that the test may stop: its own
 * socket, data root, exec root, pid file and (empty) configuration file in a folder of its own,
 * and its own network namespace with only a loopback. The network namespace is what keeps it off
 * the shared engine's {@code docker0}: with {@code --bridge=none} a dockerd deletes
 * {@code docker0} in its namespace, without it the two would share and reconfigure it. So a
 * container on the host network of this engine listens on this namespace's 127.0.0.1, and the
 * faremark process under test joins the namespace ({@link #joinNetwork()}) to reach it.
 *
 * <p>The shared engine is only read from ({@code docker save} of the images this one needs);
 * it is never stopped, restarted or pruned. {@link #close()} stops this engine, unmounts what it
 * left mounted and removes its folder: nothing of it stays.
 */
final class SecondEngine implements AutoCloseable {
  private static final Duration START_LIMIT = Duration.ofSeconds(60);
  /** The containers' stop (--shutdown-timeout at most) and containerd's: measured 1.7 to 2.2 s. */
  private static final Duration STOP_LIMIT = Duration.ofSeconds(60);
  private static final Duration COMMAND_LIMIT = Duration.ofMinutes(2);
  private static final Duration POLL = Duration.ofMillis(100);
  /**
   * How long the engine gives a container to stop on SIGTERM when it shuts down (the default is
   * 10 s for a container): a workload that does not handle SIGTERM as PID 1 (a Python one) is
   * SIGKILLed after it either way; a shorter wait only shortens the row.
   */
  private static final int SHUTDOWN_TIMEOUT_SECONDS = 2;

  private final Path dir;
  private final String driver;
  /** The engine whose network namespace this one shares; null: a namespace of its own. */
  private final SecondEngine beside;
  private Process daemon;

  private SecondEngine(Path dir, String driver, SecondEngine beside) {
    this.dir = dir;
    this.driver = driver;
    this.beside = beside;
  }

  /** Why no second engine can be started here, or empty when one can be tried. */
  static Optional<String> unavailable() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.of("a second dockerd needs root (this runs as " + System.getProperty("user.name") + ")");
    }
    for (String tool : List.of("dockerd", "docker", "unshare", "nsenter", "ip", "umount")) {
      if (which(tool).isEmpty()) {
        return Optional.of("no " + tool + " on the PATH: the second engine cannot be started");
      }
    }
    return Optional.empty();
  }

  /**
   * Starts an engine in a new temporary folder with the storage driver docker/engine.sh would
   * pick: overlay2, else vfs.
   *
   * @throws IOException with dockerd's last log lines when neither driver comes up
   */
  static SecondEngine start() throws IOException, InterruptedException {
    return start(null);
  }

  /**
   * A further engine in {@code other}'s network namespace: host-network containers of both
   * listen on the same loopback, so one faremark process joined to it reaches both, as it reaches
   * engines whose servers it can address. (Two dockerds with {@code --bridge=none} in one
   * namespace touch no bridge, and each has its own exec root and containerd.)
   */
  static SecondEngine startBeside(SecondEngine other) throws IOException, InterruptedException {
    return start(other);
  }

  private static SecondEngine start(SecondEngine beside) throws IOException, InterruptedException {
    List<String> failures = new ArrayList<>();
    for (String driver : List.of("overlay2", "vfs")) {
      // A short folder name: the socket's path must fit a sockaddr_un (108 bytes).
      SecondEngine engine = new SecondEngine(Files.createTempDirectory("faremark-engine-"), driver, beside);
      try {
        engine.startDaemon();
        return engine;
      } catch (IOException e) {
        failures.add(driver + ": " + e.getMessage());
        engine.close();
      }
    }
    throw new IOException("no second dockerd came up: " + String.join("; ", failures));
  }

  /** Its address, as DOCKER_HOST and {@code docker --host} take it. */
  String host() {
    return "unix://" + dir.resolve("docker.sock");
  }

  String driver() {
    return driver;
  }

  long pid() {
    return daemon.pid();
  }

  /**
   * The prefix that puts a command in this engine's network namespace (that of the running
   * dockerd), where its host-network containers listen.
   */
  List<String> joinNetwork() {
    return beside != null ? beside.joinNetwork()
        : List.of("nsenter", "--net=/proc/" + daemon.pid() + "/ns/net", "--");
  }

  /** Starts dockerd (again, on the same data root) and waits until it answers. */
  void startDaemon() throws IOException, InterruptedException {
    // dockerd bind-mounts its network namespace at <exec-root>/netns/default and leaves it when
    // it stops. On a real host that is the host's namespace, the same across restarts; here
    // each start makes a new one, and a restart must not put host-network containers back in
    // the old one (where nothing else runs).
    unmountAll();
    Path log = dir.resolve("dockerd.log");
    Files.writeString(dir.resolve("daemon.json"), "{}\n"); // not the machine's /etc/docker/daemon.json
    List<String> command = new ArrayList<>(beside != null
        // nsenter without --fork execs too: dockerd keeps this process's pid
        ? List.of("nsenter", "--net=/proc/" + beside.pid() + "/ns/net", "--", "dockerd")
        // unshare without --fork execs: sh and then dockerd keep this process's pid
        : List.of("unshare", "--net", "--", "sh", "-c", "ip link set lo up && exec \"$0\" \"$@\"",
            "dockerd"));
    command.addAll(List.of(
        "--host", host(),
        "--data-root", dir.resolve("data").toString(),
        "--exec-root", dir.resolve("exec").toString(),
        "--pidfile", dir.resolve("docker.pid").toString(),
        "--config-file", dir.resolve("daemon.json").toString(),
        "--storage-driver", driver,
        "--iptables=false", "--ip-forward=false", "--ip-masq=false", "--bridge=none",
        "--shutdown-timeout", Integer.toString(SHUTDOWN_TIMEOUT_SECONDS)));
    daemon = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .start();
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    while (!answers()) {
      if (!daemon.isAlive()) {
        throw new IOException("dockerd --storage-driver " + driver + " exited " + daemon.exitValue()
            + ": " + tail(log));
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("dockerd --storage-driver " + driver + " did not answer within "
            + START_LIMIT + ": " + tail(log));
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
  }

  /** Whether it answers now. */
  boolean answers() {
    try {
      return exec(List.of("docker", "--host", host(), "version", "--format", "{{.Server.Version}}"),
          Duration.ofSeconds(10)).exit() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Copies images from the shared engine: {@code docker save} there piped into
   * {@code docker load} here (the shared engine is only read).
   */
  void loadFromSharedEngine(List<String> images) throws IOException {
    List<String> save = new ArrayList<>(List.of("docker", "save"));
    save.addAll(images);
    Process saving = new ProcessBuilder(save)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    Process loading = new ProcessBuilder("docker", "--host", host(), "load", "--quiet")
        .redirectErrorStream(true).start();
    try (var in = saving.getInputStream(); var out = loading.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException e) {
      saving.destroyForcibly();
      loading.destroyForcibly();
      throw new IOException("docker save " + images + " | docker load failed: " + e.getMessage(), e);
    }
    String loaded = new String(loading.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!saving.waitFor(COMMAND_LIMIT.toSeconds(), TimeUnit.SECONDS)
          || !loading.waitFor(COMMAND_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
        saving.destroyForcibly();
        loading.destroyForcibly();
        throw new IOException("docker save | docker load of " + images + " did not end within " + COMMAND_LIMIT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while loading " + images, e);
    }
    if (saving.exitValue() != 0 || loading.exitValue() != 0) {
      throw new IOException("docker save " + images + " (exit " + saving.exitValue()
          + ") | docker load (exit " + loading.exitValue() + "): " + loaded.strip());
    }
  }

  /** Output lines of {@code docker --host <this> args...}; fails on a non-zero exit. */
  List<String> docker(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("docker", "--host", host()));
    command.addAll(List.of(args));
    Result r = exec(command, COMMAND_LIMIT);
    if (r.exit() != 0) {
      throw new IOException(String.join(" ", command) + " exited " + r.exit() + ": " + r.output().strip());
    }
    return r.output().lines().filter(l -> !l.isBlank()).toList();
  }

  /**
   * Stops the engine as an administrator would (SIGTERM to dockerd: it stops its containers,
   * then its containerd) and waits until dockerd and everything it started have exited.
   *
   * @return how long that took
   */
  Duration stop() throws IOException, InterruptedException {
    long start = System.nanoTime();
    CliProcess.signal(daemon.pid(), "TERM");
    if (!daemon.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IOException("dockerd " + daemon.pid() + " still running " + STOP_LIMIT
          + " after SIGTERM: " + tail(dir.resolve("dockerd.log")));
    }
    awaitNoProcesses(STOP_LIMIT);
    return Duration.ofNanos(System.nanoTime() - start);
  }

  boolean running() {
    return daemon != null && daemon.isAlive();
  }

  /**
   * Stops the engine if it runs (SIGKILL after the stop limit), kills what it left running (its
   * containerd, container shims: everything with its folder on the command line), unmounts what
   * is still mounted below its folder and removes the folder.
   */
  @Override
  public void close() throws IOException, InterruptedException {
    try {
      if (running()) {
        try {
          stop();
        } catch (IOException e) {
          daemon.destroyForcibly();
          daemon.waitFor(10, TimeUnit.SECONDS);
        }
      }
      for (long pid : processes()) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
      awaitNoProcesses(Duration.ofSeconds(10));
    } finally {
      unmountAll();
      removeTree(dir);
    }
  }

  /** Mount points at or below the folder, deepest first (as /proc/self/mountinfo lists them). */
  List<String> mounts() throws IOException {
    String root = dir.toRealPath().toString();
    List<String> found = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
      String[] f = line.split(" ");
      if (f.length > 4) {
        String point = f[4].replace("\\040", " ");
        if (point.equals(root) || point.startsWith(root + "/")) {
          found.add(point);
        }
      }
    }
    found.sort(Comparator.comparingInt(String::length).reversed());
    return found;
  }

  private void unmountAll() throws IOException, InterruptedException {
    if (!Files.exists(dir)) {
      return;
    }
    // Deepest first; a mount still busy is detached lazily, so the folder can go either way.
    for (String point : mounts()) {
      if (exec(List.of("umount", point), COMMAND_LIMIT).exit() != 0) {
        exec(List.of("umount", "-l", point), COMMAND_LIMIT);
      }
    }
    List<String> left = mounts();
    if (!left.isEmpty()) {
      throw new IOException("still mounted below " + dir + ": " + left);
    }
  }

  private static void removeTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** The engine's processes still alive: dockerd, its containerd, shims (all name the folder). */
  List<Long> processes() throws IOException {
    String needle = dir.toString();
    List<Long> found = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.toList()) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
          if (cmdline.contains(needle)) {
            found.add(Long.parseLong(name));
          }
        } catch (IOException e) {
          // ended meanwhile
        }
      }
    }
    return found;
  }

  private void awaitNoProcesses(Duration limit) throws IOException {
    long deadline = System.nanoTime() + limit.toNanos();
    List<Long> left;
    while (!(left = processes()).isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IOException("the second engine's processes still run " + limit + " after it"
            + " stopped: " + left);
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
  }

  private record Result(int exit, String output) {}

  private static Result exec(List<String> command, Duration limit) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    try {
      if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not end within " + limit);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted: " + String.join(" ", command), e);
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  private static Optional<Path> which(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
      Path p = Path.of(d, tool);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
