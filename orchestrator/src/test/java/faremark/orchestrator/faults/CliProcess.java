package faremark.orchestrator.faults;

import faremark.orchestrator.TestJvm;
import faremark.orchestrator.cli.FaremarkCli;
import faremark.orchestrator.lifecycle.DefaultSigint;
import faremark.orchestrator.lifecycle.LeftoverCensus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.concurrent.locks.LockSupport;

/**
 * A real {@code faremark} command as its own JVM, the way a user starts it (the JIT tier aside:
 * {@link TestJvm}): marked for the {@link LeftoverCensus} (its environment and its own temporary
 * folder), console collected line by line as it comes, signals sent with {@code kill}. Every wait
 * is bounded: a hang fails the row with the console, it never stalls the build.
 */
final class CliProcess implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(20);

  final Process process;
  private final List<String> output = new CopyOnWriteArrayList<>();
  private final Thread reader;

  private CliProcess(Process process) {
    this.process = process;
    this.reader = Thread.ofPlatform().daemon().name("cli-" + process.pid()).start(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          output.add(line);
        }
      } catch (IOException e) {
        // the process ended
      }
    });
  }

  /**
   * Starts {@code faremark args...}.
   *
   * @param prefix run through this first (e.g. {@code prlimit --nofile=...}); usually empty
   * @param env added to the environment (e.g. DOCKER_HOST)
   */
  static CliProcess start(LeftoverCensus census, List<String> prefix, Map<String, String> env,
      String... args) throws IOException {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(TestJvm.java());
    command.add("-Djava.awt.headless=true");
    command.add("--enable-native-access=ALL-UNNAMED");
    command.addAll(census.jvmOptions());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), FaremarkCli.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = census.marked(new ProcessBuilder(DefaultSigint.command(command)))
        .redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close(); // as CI runs it: no standard input
    census.owner(p.pid());
    return new CliProcess(p);
  }

  long pid() {
    return process.pid();
  }

  /** Whether a console line so far matches. */
  boolean printed(Predicate<String> line) {
    return output.stream().anyMatch(line);
  }

  /**
   * Waits until a console line matches, at most {@code limit}.
   *
   * @throws AssertionError with the console when the process ends first or the limit passes
   */
  void awaitLine(String what, Predicate<String> line, Duration limit) {
    awaitCondition(what, () -> printed(line), limit);
  }

  /** Waits until {@code condition} holds while the process runs, at most {@code limit}. */
  void awaitCondition(String what, java.util.function.BooleanSupplier condition, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (!process.isAlive()) {
        throw new AssertionError("faremark ended (exit " + process.exitValue() + ") before "
            + what + ":\n" + console());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + what + " within " + limit + ":\n" + console());
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
  }

  /** Sends {@code signal} (INT, TERM, KILL, STOP, CONT) to the faremark JVM. */
  void signal(String signal) throws IOException, InterruptedException {
    signal(process.pid(), signal);
  }

  static void signal(long pid, String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(pid))
        .redirectErrorStream(true).start();
    if (!kill.waitFor(10, TimeUnit.SECONDS)) {
      kill.destroyForcibly();
      throw new IOException("kill -s " + signal + " " + pid + " did not return");
    }
  }

  /**
   * The exit code, once the process ended within {@code limit}.
   *
   * @throws AssertionError with the console when it is still running then (it is killed)
   */
  int awaitExit(Duration limit) throws InterruptedException {
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      String console = console();
      process.destroyForcibly();
      throw new AssertionError("faremark still running " + limit + " after it should have ended:\n"
          + console);
    }
    reader.join(Duration.ofSeconds(5));
    return process.exitValue();
  }

  /** Everything printed so far, as one text. */
  String console() {
    return String.join("\n", output);
  }

  /** Kills it if it still runs (a failed row); the census then shows what that left. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
