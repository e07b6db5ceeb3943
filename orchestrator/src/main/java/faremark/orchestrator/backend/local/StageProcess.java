package faremark.orchestrator.backend.local;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fare server or shaper run as a child JVM of faremark's, on loopback, when faremark's own
 * process cannot hold every connection's descriptors ({@code FileBudget}). Started and released
 * like every process faremark starts: a {@link LocalProcess}, so Ctrl-C and SIGTERM kill it
 * ({@code Cleanup}) and the watchdog kills it should faremark die first. It is ready once it
 * prints the line its main class prints when listening.
 *
 * @param process the child
 * @param ready the match of its ready line (the address it listens on)
 */
record StageProcess(LocalProcess process, Matcher ready) implements AutoCloseable {
  /** How long a child JVM may take to listen (a cold JVM on a busy 2-core machine: 1-3 s). */
  static final Duration START_LIMIT = Duration.ofSeconds(60);

  /**
   * Starts {@code mainClass} with this JVM's java and classpath and waits for its ready line.
   *
   * @param what for messages ("the fare server")
   * @param log where its stderr goes (appended; the results' {@code faremark.log})
   * @throws IOException naming {@code what} when it exits, or does not print the line in time;
   *     the process is gone then
   */
  static StageProcess start(String what, String mainClass, List<String> args, Pattern readyLine,
      Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(JavaRuntime.command());
    // Netty loads its epoll transport; saying so keeps JDK 24+ from warning about it
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    CompletableFuture<Matcher> ready = new CompletableFuture<>();
    LocalProcess p = LocalProcess.start(ProcessSpec.of(command, Path.of("").toAbsolutePath(), log),
        line -> {
          Matcher m = readyLine.matcher(line);
          if (m.find()) {
            ready.complete(m);
          }
        });
    p.onExit().thenAccept(code -> ready.completeExceptionally(new IOException(what + " (process "
        + p.pid() + ") exited with code " + code + " before it listened; its stderr is in " + log)));
    try {
      return new StageProcess(p, ready.get(START_LIMIT.toMillis(), TimeUnit.MILLISECONDS));
    } catch (ExecutionException e) {
      p.close();
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } catch (TimeoutException e) {
      p.close();
      throw new IOException(what + " (process " + p.pid() + ") did not listen within "
          + START_LIMIT.toSeconds() + " s; its stderr is in " + log);
    } catch (InterruptedException e) {
      p.close();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting " + what);
    }
  }

  long pid() {
    return process.pid();
  }

  /** Stops it: SIGTERM (its shutdown hook closes the listeners), SIGKILL after the grace. */
  @Override
  public void close() {
    process.close();
  }
}
