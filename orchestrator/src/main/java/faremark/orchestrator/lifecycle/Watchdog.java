package faremark.orchestrator.lifecycle;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The orchestrator's side of the watchdog: a small process, started once per experiment in a
 * session of its own, that holds the read end of a pipe whose write end only this JVM holds.
 * However this JVM ends (SIGKILL, OOM killer, a CI job killing its process group), the kernel
 * closes that pipe; the watchdog reads end-of-file without having been told {@code done} and
 * removes what the experiment left: the processes it started (their pids are sent over the pipe
 * as they start), their cgroups, and on Docker its containers and networks. This is the promise
 * Testcontainers' Ryuk gives its users, without an image to pull. A normal end, Ctrl-C and
 * SIGTERM clean up in this JVM ({@link Cleanup}) and then tell the watchdog {@code done}.
 */
public final class Watchdog implements AutoCloseable {
  /** The class the watchdog process runs. */
  public static final String MAIN_CLASS = "faremark.orchestrator.experiment.WatchdogMain";

  private static volatile Watchdog current;

  private final Process process;
  private final OutputStream pipe;

  private Watchdog(Process process) {
    this.process = process;
    this.pipe = process.getOutputStream();
  }

  /**
   * Starts the watchdog for this JVM with this JVM's java and classpath.
   *
   * @param log where the watchdog writes what it did (appended)
   * @param args what it needs to know (the backend's id)
   */
  public static Watchdog start(Path log, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    // A session of its own: a Ctrl-C or a kill of this process group does not reach it.
    Path setsid = Path.of("/usr/bin/setsid");
    if (Files.isExecutable(setsid)) {
      command.add(setsid.toString());
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx64m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(MAIN_CLASS);
    command.add(Long.toString(ProcessHandle.current().pid()));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Watchdog watchdog = new Watchdog(pb.start());
    current = watchdog;
    return watchdog;
  }

  /**
   * Tells the current watchdog, if any, about a process this JVM started outside a cgroup, so
   * that it can kill it (and its descendants) if this JVM dies first.
   */
  public static void watchPid(long pid) {
    Watchdog w = current;
    if (w != null) {
      w.send("pid " + pid);
    }
  }

  private synchronized void send(String line) {
    try {
      pipe.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      pipe.flush();
    } catch (IOException e) {
      // The watchdog is gone: nothing to tell; the next start still removes leftovers.
    }
  }

  /** The experiment ended here and cleaned up after itself: the watchdog has nothing to do. */
  @Override
  public void close() {
    if (current == this) {
      current = null;
    }
    send("done");
    try {
      pipe.close();
    } catch (IOException e) {
      // already closed
    }
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
