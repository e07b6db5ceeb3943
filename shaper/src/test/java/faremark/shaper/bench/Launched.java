package faremark.shaper.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process the benchmark started (fare server, shaper, socat): its output is kept for errors,
 * its CPU time and memory read from {@code /proc}, and it is ended with everything it forked.
 */
final class Launched implements AutoCloseable {
  /** Clock ticks per second of {@code /proc/<pid>/stat}; 100 on every Linux that runs this. */
  private static final long TICKS_PER_SECOND = ticksPerSecond();

  private final String name;
  private final Process process;
  private final List<String> output = new ArrayList<>();

  private Launched(String name, Process process) {
    this.name = name;
    this.process = process;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                  synchronized (output) {
                    output.add(line);
                    output.notifyAll();
                  }
                }
              } catch (IOException ended) {
                // The process is gone.
              }
            },
            "bench-output-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  static Launched start(String name, List<String> command) throws IOException {
    return new Launched(
        name, new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  long pid() {
    return process.pid();
  }

  /** Waits for an output line matching {@code pattern}; returns its first group. */
  String awaitLine(Pattern pattern, long timeoutSeconds) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    synchronized (output) {
      int seen = 0;
      while (true) {
        for (; seen < output.size(); seen++) {
          Matcher matcher = pattern.matcher(output.get(seen));
          if (matcher.find()) {
            return matcher.group(1);
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || !process.isAlive()) {
          throw new IOException(name + " did not print " + pattern + ":\n" + String.join("\n", output));
        }
        output.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
    }
  }

  /** Waits until something accepts connections on {@code port} of loopback. */
  void awaitPort(int port, long timeoutSeconds) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        return;
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline || !process.isAlive()) {
          throw new IOException(name + " does not listen on " + port + ":\n" + tail());
        }
        Thread.sleep(50);
      }
    }
  }

  /**
   * CPU seconds used so far by the process and by its children that have ended and been reaped
   * (socat's per-connection processes count once their connection is closed).
   */
  double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
    // Fields after the command name, which is in parentheses and may contain spaces.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = 0;
    for (int field = 11; field <= 14; field++) { // utime, stime, cutime, cstime
      ticks += Long.parseLong(fields[field]);
    }
    return ticks / (double) TICKS_PER_SECOND;
  }

  /** Resident set size in bytes ({@code VmRSS}). */
  long rssBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new IOException(name + ": no VmRSS");
  }

  /** Open file descriptors (sockets included). */
  int openFiles() throws IOException {
    try (var fds = Files.list(Path.of("/proc", Long.toString(pid()), "fd"))) {
      return (int) fds.count();
    }
  }

  /** The soft open-file limit this process runs with ({@code Long.MAX_VALUE}: unlimited). */
  long openFilesSoftLimit() throws IOException {
    return BenchProcesses.softLimit(Path.of("/proc", Long.toString(pid()), "limits"));
  }

  String tail() {
    synchronized (output) {
      return String.join("\n", output.subList(Math.max(0, output.size() - 20), output.size()));
    }
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static long ticksPerSecond() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
      String value = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      getconf.waitFor();
      return Long.parseLong(value.trim());
    } catch (IOException | NumberFormatException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
