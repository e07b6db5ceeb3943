package faremark.orchestrator.backend.local;

import faremark.orchestrator.backend.RunWatcher;
import faremark.orchestrator.lifecycle.Cleanup;
import faremark.orchestrator.lifecycle.Watchdog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One started OS process whose stdout lines are delivered as they arrive.
 *
 * <p>A platform daemon thread reads stdout, so each line reaches the consumer as soon as the
 * workload flushes it (the orchestrator stamps {@code ready}/{@code done} on the run clock when
 * they arrive). Registered with {@link Cleanup} until closed, so Ctrl-C kills it.
 */
public final class LocalProcess implements RunWatcher.Running, AutoCloseable {
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(2);
  /**
   * After the process exits, how long {@link #onExit()} waits for stdout to reach EOF. A
   * descendant that inherited stdout and outlives the process would otherwise hold it forever.
   */
  static final Duration DRAIN_GRACE = Duration.ofSeconds(2);

  private final Process process;
  private final String what;
  private final Thread reader;
  private final CompletableFuture<Void> drained = new CompletableFuture<>();
  private final CompletableFuture<Integer> exit;
  private final Cleanup.Registration registration;
  private volatile Throwable consumerFailure;

  private LocalProcess(Process process, String what, Consumer<String> stdoutLines) {
    this.process = process;
    this.what = what;
    this.registration = Cleanup.global().register(what, this);
    Watchdog.watchPid(process.pid()); // killed by the watchdog should this JVM die first
    this.reader = new Thread(() -> drain(stdoutLines), "faremark-stdout-" + process.pid());
    reader.setDaemon(true);
    reader.start();
    this.exit =
        process.onExit()
            .thenCompose(p -> {
              int code = p.exitValue();
              return drained.thenApply(v -> code).completeOnTimeout(code, DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            });
  }

  /** Starts {@code spec}; each stdout line goes to {@code stdoutLines} on the reader thread. */
  public static LocalProcess start(ProcessSpec spec, Consumer<String> stdoutLines) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(spec.command()).directory(spec.workDir().toFile());
    pb.environment().putAll(spec.env());
    pb.redirectError(ProcessBuilder.Redirect.appendTo(spec.stderrFile().toFile()));
    spec.stdin().ifPresent(f -> pb.redirectInput(f.toFile()));
    Process p = pb.start();
    if (spec.stdin().isEmpty()) {
      p.getOutputStream().close(); // the workload reads nothing; EOF rather than a hang
    }
    return new LocalProcess(p, "process " + p.pid() + " " + abbreviate(spec.command()), stdoutLines);
  }

  private void drain(Consumer<String> stdoutLines) {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        try {
          stdoutLines.accept(line);
        } catch (RuntimeException e) {
          // Keep draining: a full pipe would block the workload and skew its timing.
          if (consumerFailure == null) {
            consumerFailure = e;
          }
        }
      }
    } catch (IOException e) {
      // The stream was closed under us (close()): nothing more to read.
    } finally {
      drained.complete(null);
    }
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Completes with the exit code once the process has exited and its stdout has been read to the
   * end (or {@link #DRAIN_GRACE} has passed, when a descendant still holds stdout open).
   */
  public CompletableFuture<Integer> onExit() {
    return exit;
  }

  /** True once stdout has reached EOF (every line delivered). */
  public boolean stdoutDrained() {
    return drained.isDone();
  }

  /** The first exception the stdout consumer threw, if any (lines after it were still read). */
  public Optional<Throwable> consumerFailure() {
    return Optional.ofNullable(consumerFailure);
  }

  /** Waits for {@link #onExit()}; empty when {@code timeout} passes first. */
  @Override
  public Optional<Integer> waitFor(Duration timeout) throws InterruptedException {
    try {
      return Optional.of(exit.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (ExecutionException e) {
      throw new IllegalStateException("waiting for " + what, e.getCause());
    }
  }

  /** {@link #kill(Duration)} with {@link #DEFAULT_GRACE}. */
  @Override
  public void kill() {
    kill(DEFAULT_GRACE);
  }

  /**
   * Kills the process and its descendants: SIGTERM to all, descendants first, then SIGKILL to
   * whatever is left after {@code grace}. Descendants are listed before anything is signalled,
   * because once their parent dies they are re-parented and can no longer be found from it (a
   * run cgroup still finds them: {@link RunCgroup#killAll()}).
   */
  public void kill(Duration grace) {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.reversed().forEach(ProcessHandle::destroy);
    process.destroy();
    tree.add(process.toHandle());
    if (!awaitExit(tree, grace)) {
      // Children forked during the grace period count too.
      List<ProcessHandle> left = new ArrayList<>(process.descendants().toList());
      left.addAll(tree);
      left.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
      awaitExit(left, Duration.ofSeconds(5));
    }
  }

  private static boolean awaitExit(List<ProcessHandle> handles, Duration timeout) {
    CompletableFuture<?>[] exits = handles.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(exits).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Kills the tree if still alive and waits briefly for stdout to be drained; idempotent. */
  @Override
  public void close() {
    try {
      if (process.isAlive() || process.descendants().findAny().isPresent()) {
        kill();
      }
      try {
        drained.get(DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // A re-parented descendant still holds stdout; the daemon reader ends when it dies.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } finally {
      registration.close();
    }
  }

  private static String abbreviate(List<String> command) {
    String s = String.join(" ", command);
    return s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }

  @Override
  public String toString() {
    return what;
  }
}
