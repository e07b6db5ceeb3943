package faremark.orchestrator.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What this machine allows a run, as far as a scenario can outgrow it: the open-file limit of
 * this process (which the fare server and the proxy share under the local backend, and which the
 * workloads inherit), the kernel's ephemeral port range and the machine's memory. Read from
 * {@code /proc}; each fact is empty where it cannot be read (another OS, a sandbox), and the
 * check that needs it is then skipped, never guessed.
 *
 * <p>A HotSpot JVM on Linux raises its own soft open-file limit to the hard one as it starts
 * ({@code -XX:+MaxFDLimit}, the default), and every process it starts inherits that, so {@code
 * openFiles} read inside faremark is already the hard limit unless a JVM flag turned that off.
 *
 * @param openFiles this process's soft limit of open files ({@code RLIMIT_NOFILE})
 * @param openFilesHard the hard limit, the most the soft one can be raised to without root
 * @param ephemeralPorts {@code net.ipv4.ip_local_port_range} as {@code [low, high]}
 * @param memoryBytes {@code MemTotal}
 */
public record MachineFacts(
    OptionalLong openFiles, OptionalLong openFilesHard, Optional<List<Integer>> ephemeralPorts,
    OptionalLong memoryBytes) {

  /** Nothing known: every machine-dependent check is skipped (results read on another machine). */
  public static final MachineFacts UNKNOWN =
      new MachineFacts(OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), OptionalLong.empty());

  private static final Pattern OPEN_FILES =
      Pattern.compile("^Max open files\\s+(\\S+)\\s+(\\S+)", Pattern.MULTILINE);
  private static final Pattern MEM_TOTAL = Pattern.compile("^MemTotal:\\s+(\\d+) kB", Pattern.MULTILINE);

  /** This process on this machine. */
  public static MachineFacts here() {
    return read(Path.of("/proc"));
  }

  /** From a {@code /proc}-shaped folder (tests give a fixture). */
  static MachineFacts read(Path proc) {
    OptionalLong soft = OptionalLong.empty();
    OptionalLong hard = OptionalLong.empty();
    Optional<String> limits = text(proc.resolve("self/limits"));
    if (limits.isPresent()) {
      Matcher m = OPEN_FILES.matcher(limits.get());
      if (m.find()) {
        soft = limit(m.group(1));
        hard = limit(m.group(2));
      }
    }
    Optional<List<Integer>> ports = text(proc.resolve("sys/net/ipv4/ip_local_port_range"))
        .map(String::strip).filter(s -> s.matches("\\d+\\s+\\d+"))
        .map(s -> s.split("\\s+")).map(a -> List.of(Integer.parseInt(a[0]), Integer.parseInt(a[1])))
        .filter(r -> r.get(0) <= r.get(1));
    OptionalLong memory = OptionalLong.empty();
    Optional<String> meminfo = text(proc.resolve("meminfo"));
    if (meminfo.isPresent()) {
      Matcher m = MEM_TOTAL.matcher(meminfo.get());
      if (m.find()) {
        memory = OptionalLong.of(Long.parseLong(m.group(1)) * 1024);
      }
    }
    return new MachineFacts(soft, hard, ports, memory);
  }

  /** How many ephemeral ports the kernel hands out for connections to one address and port. */
  public Optional<Integer> ephemeralPortCount() {
    return ephemeralPorts.map(r -> r.get(1) - r.get(0) + 1);
  }

  private static OptionalLong limit(String s) {
    if (s.equals("unlimited")) {
      return OptionalLong.of(Long.MAX_VALUE);
    }
    return s.matches("\\d{1,18}") ? OptionalLong.of(Long.parseLong(s)) : OptionalLong.empty();
  }

  private static Optional<String> text(Path file) {
    try {
      return Optional.of(Files.readString(file));
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }
}
