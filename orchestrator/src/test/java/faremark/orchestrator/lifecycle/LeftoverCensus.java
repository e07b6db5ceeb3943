package faremark.orchestrator.lifecycle;

import faremark.orchestrator.backend.docker.Labels;
import faremark.orchestrator.backend.local.CgroupSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Counts what faremark processes started by one test leave behind: processes, run cgroups,
 * containers and networks, listening TCP ports and temporary files. Every clean-up test takes a
 * snapshot before it starts faremark and asks, with a bounded wait, what is new afterwards.
 *
 * <p>Only what this test started is counted, never what another test or person runs on the same
 * machine: processes carry {@link #MARK_VARIABLE} in their environment (every process inherits it
 * from the faremark process the test starts with {@link #environment()}: workloads, {@code sh}
 * and {@code sleep} fixtures, Python, the watchdog) or the test's folder on their command line;
 * run cgroups are named after their orchestrator's pid ({@code <pid>-<run>}); containers and
 * networks carry that pid in their {@code io.faremark.owner.pid} label. Temporary files go to a
 * private temporary folder ({@link #jvmOptions()}, {@code TMPDIR}), where everything counts.
 */
public final class LeftoverCensus {
  /** The environment variable that marks a test's processes and all their descendants. */
  public static final String MARK_VARIABLE = "FAREMARK_TEST_CENSUS";
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration COMMAND_LIMIT = Duration.ofSeconds(20);

  private final String mark;
  private final Path folder;
  private final Path tmp;
  private final Set<Long> owners = ConcurrentHashMap.newKeySet();
  private final Set<String> dockerHosts = ConcurrentHashMap.newKeySet();
  private final Set<String> composeProjects = ConcurrentHashMap.newKeySet();

  private LeftoverCensus(Path folder) throws IOException {
    this.mark = "census-" + UUID.randomUUID();
    this.folder = folder.toAbsolutePath();
    this.tmp = Files.createDirectories(this.folder.resolve("census-tmp"));
  }

  /** A census for the faremark processes a test starts below {@code folder} (its temp folder). */
  public static LeftoverCensus in(Path folder) throws IOException {
    return new LeftoverCensus(folder);
  }

  /** The environment to start faremark with: the mark, and the private temporary folder. */
  public Map<String, String> environment() {
    return Map.of(MARK_VARIABLE, mark, "TMPDIR", tmp.toString());
  }

  /** JVM options for a faremark JVM: its temporary files go to the private folder. */
  public List<String> jvmOptions() {
    return List.of("-Djava.io.tmpdir=" + tmp);
  }

  /** Adds {@link #environment()} to {@code builder}. */
  public ProcessBuilder marked(ProcessBuilder builder) {
    builder.environment().putAll(environment());
    return builder;
  }

  /** A faremark orchestrator this test started: its cgroups, containers and networks count. */
  public void owner(long pid) {
    owners.add(pid);
  }

  /**
   * Count containers and networks on this engine too ({@code ""}: the default one, as the
   * {@code docker} command finds it; else a {@code unix://} address).
   */
  public void docker(String host) {
    dockerHosts.add(host);
  }

  /** Count the containers, networks and volumes of this docker-compose project. */
  public void composeProject(String project) {
    composeProjects.add(project);
  }

  /** What is there now that is this test's. */
  public Snapshot take() {
    Set<String> items = new TreeSet<>();
    Map<Long, String> processes = processes();
    processes.forEach((pid, what) -> items.add("process " + pid + " " + what));
    items.addAll(ports(processes.keySet()));
    items.addAll(cgroups());
    for (String host : dockerHosts) {
      items.addAll(dockerItems(host));
    }
    items.addAll(temporaryFiles());
    return new Snapshot(items);
  }

  /** Everything {@link #take()} lists; compare two with {@link #newSince}. */
  public record Snapshot(Set<String> items) {
    /** What is in this snapshot and was not in {@code before}. */
    public List<String> newSince(Snapshot before) {
      return items.stream().filter(i -> !before.items().contains(i)).toList();
    }
  }

  /** What was left: new since {@code before}, once nothing changed for good or the limit passed. */
  public record Verdict(List<String> leftBehind, Duration waited) {
    public boolean clean() {
      return leftBehind.isEmpty();
    }

    /** "0", or the count with the first few items. */
    public String describe() {
      if (leftBehind.isEmpty()) {
        return "0";
      }
      return leftBehind.size() + ": " + String.join("; ",
          leftBehind.subList(0, Math.min(4, leftBehind.size())))
          + (leftBehind.size() > 4 ? "; ..." : "");
    }
  }

  /**
   * Polls until nothing new since {@code before} is left, at most {@code limit}; never waits
   * longer. A clean-up that is late or broken shows up as a non-empty verdict, not a slow test.
   */
  public Verdict awaitNothingLeft(Snapshot before, Duration limit) {
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    List<String> left;
    while (true) {
      left = take().newSince(before);
      if (left.isEmpty() || System.nanoTime() > deadline) {
        break;
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
    return new Verdict(left, Duration.ofNanos(System.nanoTime() - start));
  }

  /** Whether one of this test's processes runs with {@code fragment} in its command line. */
  public boolean running(String fragment) {
    return processes().values().stream().anyMatch(c -> c.contains(fragment));
  }

  /** Pids of this test's processes with {@code fragment} in their command line. */
  public List<Long> pids(String fragment) {
    return processes().entrySet().stream().filter(e -> e.getValue().contains(fragment))
        .map(Map.Entry::getKey).toList();
  }

  // --- processes -------------------------------------------------------------------------------

  /** Live (not zombie) processes carrying the mark or the test's folder: pid → command line. */
  Map<Long, String> processes() {
    Map<Long, String> found = new LinkedHashMap<>();
    long self = ProcessHandle.current().pid();
    byte[] needle = (MARK_VARIABLE + "=" + mark).getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.toList()) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        long pid = Long.parseLong(name);
        if (pid == self) {
          continue;
        }
        Optional<String> cmdline = read(p.resolve("cmdline")).map(b -> new String(b, StandardCharsets.UTF_8).replace('\0', ' ').strip());
        boolean ours = read(p.resolve("environ")).map(env -> contains(env, needle)).orElse(false)
            || cmdline.map(c -> c.contains(folder.toString())).orElse(false);
        if (ours && !zombie(p)) {
          String c = cmdline.orElse("?");
          found.put(pid, c.length() > 100 ? c.substring(0, 97) + "..." : c);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list /proc", e);
    }
    return found;
  }

  private static boolean zombie(Path proc) {
    return read(proc.resolve("stat")).map(b -> {
      String stat = new String(b, StandardCharsets.UTF_8);
      int close = stat.lastIndexOf(')');
      return close > 0 && stat.length() > close + 2 && stat.charAt(close + 2) == 'Z';
    }).orElse(true);
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static Optional<byte[]> read(Path file) {
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (IOException | SecurityException e) {
      return Optional.empty(); // the process ended, or is not ours to read
    }
  }

  // --- listening ports -------------------------------------------------------------------------

  /** TCP sockets in LISTEN held by {@code pids}, as "port <address>:<port> (pid N)". */
  static List<String> ports(Set<Long> pids) {
    if (pids.isEmpty()) {
      return List.of();
    }
    Map<String, String> listening = new HashMap<>(); // inode → address:port
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      try {
        for (String line : Files.readAllLines(Path.of(table))) {
          String[] f = line.strip().split("\\s+");
          if (f.length > 9 && f[3].equals("0A")) { // 0A: TCP_LISTEN
            listening.put(f[9], address(f[1]));
          }
        }
      } catch (IOException e) {
        // no IPv6 here: nothing listens on it
      }
    }
    List<String> held = new ArrayList<>();
    for (long pid : pids) {
      try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
        for (Path fd : fds.toList()) {
          try {
            String target = Files.readSymbolicLink(fd).toString();
            if (target.startsWith("socket:[")) {
              String inode = target.substring(8, target.length() - 1);
              if (listening.containsKey(inode)) {
                held.add("port " + listening.get(inode) + " (pid " + pid + ")");
              }
            }
          } catch (IOException e) {
            // closed meanwhile
          }
        }
      } catch (IOException e) {
        // the process ended meanwhile
      }
    }
    return held;
  }

  /** /proc/net/tcp's "0100007F:1F90" (little-endian words) as "127.0.0.1:8080". */
  static String address(String hex) {
    String[] parts = hex.split(":");
    int port = Integer.parseInt(parts[1], 16);
    String ip = parts[0];
    if (ip.length() == 8) {
      long v = Long.parseLong(ip, 16);
      return (v & 0xff) + "." + ((v >> 8) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 24) & 0xff)
          + ":" + port;
    }
    return switch (ip) {
      case "00000000000000000000000000000000" -> "[::]:" + port;
      case "00000000000000000000000001000000" -> "[::1]:" + port;
      default -> "[" + ip + "]:" + port;
    };
  }

  // --- cgroups ---------------------------------------------------------------------------------

  /** Run cgroups of this test's orchestrators, and faremark's parent cgroups while empty. */
  private List<String> cgroups() {
    List<String> found = new ArrayList<>();
    for (Path parent : CgroupSupport.detect().runParents()) {
      if (!Files.isDirectory(parent)) {
        continue;
      }
      boolean hasRuns = false;
      try (Stream<Path> dirs = Files.list(parent)) {
        for (Path d : dirs.filter(Files::isDirectory).toList()) {
          hasRuns = true;
          String name = d.getFileName().toString();
          int dash = name.indexOf('-');
          if (dash > 0 && owners.contains(parseLong(name.substring(0, dash)))) {
            found.add("cgroup " + d);
          }
        }
      } catch (NoSuchFileException e) {
        continue;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      // A parent only counts while empty: another experiment's runs keep it, rightly.
      if (!hasRuns) {
        found.add("cgroup parent " + parent);
      }
    }
    return found;
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  // --- docker ----------------------------------------------------------------------------------

  private List<String> dockerItems(String host) {
    List<String> found = new ArrayList<>();
    String where = host.isEmpty() ? "" : " on " + host;
    String pidLabel = "{{.Label \"" + Labels.OWNER_PID + "\"}}|{{.Label \"" + Labels.OWNER_HOST + "\"}}";
    for (String line : dockerCommand(host, "ps", "-a", "--filter", "label=" + Labels.FAREMARK,
        "--format", pidLabel + "|{{.Names}}|{{.State}}")) {
      String[] f = line.split("\\|", -1);
      if (f.length == 4 && ownedHere(f[0], f[1])) {
        found.add("container " + f[2] + " (" + f[3] + ")" + where);
      }
    }
    for (String line : dockerCommand(host, "network", "ls", "--filter", "label=" + Labels.FAREMARK,
        "--format", pidLabel + "|{{.Name}}")) {
      String[] f = line.split("\\|", -1);
      if (f.length == 3 && ownedHere(f[0], f[1])) {
        found.add("network " + f[2] + where);
      }
    }
    for (String project : composeProjects) {
      String label = "label=com.docker.compose.project=" + project;
      dockerCommand(host, "ps", "-a", "--filter", label, "--format", "{{.Names}}|{{.State}}")
          .forEach(l -> found.add("compose container " + l.replace('|', ' ') + where));
      dockerCommand(host, "network", "ls", "--filter", label, "--format", "{{.Name}}")
          .forEach(l -> found.add("compose network " + l + where));
      dockerCommand(host, "volume", "ls", "--filter", label, "--format", "{{.Name}}")
          .forEach(l -> found.add("compose volume " + l + where));
    }
    return found;
  }

  private boolean ownedHere(String pid, String host) {
    return hostName().equals(host) && owners.contains(parseLong(pid));
  }

  /** As the owner label records it. */
  private static String hostName() {
    return read(Path.of("/proc/sys/kernel/hostname"))
        .map(b -> new String(b, StandardCharsets.UTF_8).strip()).orElse("unknown");
  }

  private static List<String> dockerCommand(String host, String... args) {
    List<String> command = new ArrayList<>(List.of("docker"));
    if (!host.isEmpty()) {
      command.addAll(List.of("--host", host));
    }
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(COMMAND_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return List.of("docker check failed: " + String.join(" ", command) + " did not end");
      }
      String text = new String(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        return List.of("docker check failed: " + String.join(" ", command) + ": " + text.strip());
      }
      return text.lines().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      return List.of("docker check failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of("docker check interrupted");
    }
  }

  // --- temporary files -------------------------------------------------------------------------

  private List<String> temporaryFiles() {
    try (Stream<Path> files = Files.list(tmp)) {
      return files.map(f -> "temporary file " + f).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
