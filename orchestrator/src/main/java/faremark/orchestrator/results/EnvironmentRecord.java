package faremark.orchestrator.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code environment.json}: what a reader needs to judge and repeat the numbers — code version,
 * OS, kernel, cgroup mode, runtimes, CPU and memory.
 */
public final class EnvironmentRecord {
  private EnvironmentRecord() {}

  /**
   * @param projectDir where to ask git for the commit
   * @param cgroup the local backend's cgroup mode, in words
   * @param javaCommand the java binary the Java workloads run on
   */
  public static Map<String, Object> collect(
      Path projectDir, String backend, String cgroup, String javaCommand, Instant startedAt) {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("startedAt", startedAt.toString());
    env.put("backend", backend);
    env.put("gitCommit", command(projectDir, "git", "rev-parse", "HEAD").orElse("unknown"));
    env.put("gitDirty", command(projectDir, "git", "status", "--porcelain")
        .map(s -> !s.isBlank()).orElse(null));
    env.put("os", osRelease().orElse(System.getProperty("os.name")));
    env.put("kernel", System.getProperty("os.version"));
    env.put("arch", System.getProperty("os.arch"));
    env.put("cgroup", cgroup);
    env.put("cpuModel", cpuModel().orElse("unknown"));
    env.put("cpus", Runtime.getRuntime().availableProcessors());
    env.put("memTotalBytes", memTotal().orElse(null));
    Map<String, Object> java = new LinkedHashMap<>();
    java.put("command", javaCommand);
    java.put("version", System.getProperty("java.runtime.version"));
    java.put("vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
    java.put("vendor", System.getProperty("java.vm.vendor"));
    env.put("java", java);
    env.put("hostname", command(projectDir, "hostname").orElse("unknown"));
    return env;
  }

  private static Optional<String> osRelease() {
    try {
      for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
        if (line.startsWith("PRETTY_NAME=")) {
          return Optional.of(line.substring("PRETTY_NAME=".length()).replace("\"", ""));
        }
      }
    } catch (IOException e) {
      // not Linux, or unreadable: fall back to os.name
    }
    return Optional.empty();
  }

  private static Optional<String> cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return Optional.of(line.substring(line.indexOf(':') + 1).trim());
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return Optional.empty();
  }

  private static Optional<Long> memTotal() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          String[] parts = line.trim().split("\\s+");
          return Optional.of(Long.parseLong(parts[1]) * 1024);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return Optional.empty();
  }

  private static Optional<String> command(Path dir, String... argv) {
    try {
      Process p =
          new ProcessBuilder(List.of(argv))
              .directory(dir.toFile())
              .redirectErrorStream(false)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      return p.exitValue() == 0 ? Optional.of(out) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
