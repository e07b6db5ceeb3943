package faremark.orchestrator.experiment;

import faremark.orchestrator.backend.BackendProvider;
import faremark.orchestrator.lifecycle.Watchdog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The watchdog process ({@link Watchdog} starts it): reads the orchestrator's pipe until
 * end-of-file. {@code done} first means the orchestrator cleaned up itself; anything else means it
 * died, and then the watchdog kills the processes it was told about and has every backend remove
 * what dead faremark processes left (the same sweep the next start would do, now, within seconds).
 *
 * <p>Arguments: the orchestrator's pid, then the backend ids the experiment used.
 */
public final class WatchdogMain {
  private WatchdogMain() {}

  public static void main(String[] args) throws IOException {
    PrintStream log = System.out;
    long owner = Long.parseLong(args[0]);
    Set<String> backends = new LinkedHashSet<>(List.of(args).subList(1, args.length));
    Set<Long> pids = new LinkedHashSet<>();
    boolean done = false;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.equals("done")) {
          done = true;
        } else if (line.startsWith("pid ")) {
          pids.add(Long.parseLong(line.substring(4).strip()));
        }
      }
    }
    if (done) {
      return;
    }
    Instant noticed = Instant.now();
    // The pipe closes as the kernel tears the orchestrator down; its pid may linger a moment.
    ProcessHandle.of(owner).ifPresent(p -> awaitExit(p, Duration.ofSeconds(5)));
    log.println(noticed + " watchdog: faremark process " + owner
        + " ended without cleaning up; removing what it left");
    for (long pid : pids) {
      ProcessHandle.of(pid).ifPresent(p -> kill(p, log));
    }
    for (BackendProvider provider : BackendChoice.providers()) {
      if (!backends.contains(provider.id())) {
        continue;
      }
      try {
        List<String> removed = provider.removeLeftovers();
        log.println("watchdog: " + provider.id() + ": removed "
            + (removed.isEmpty() ? "nothing" : String.join(", ", removed)));
      } catch (RuntimeException e) {
        log.println("watchdog: " + provider.id() + ": could not remove leftovers: " + e);
      }
    }
    log.println(Instant.now() + " watchdog: done");
  }

  /** The process and its descendants: TERM to all, then KILL to whatever is left after 2 s. */
  private static void kill(ProcessHandle process, PrintStream log) {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process);
    tree.forEach(ProcessHandle::destroy);
    for (ProcessHandle p : tree) {
      if (!awaitExit(p, Duration.ofSeconds(2))) {
        p.destroyForcibly();
      }
    }
    log.println("watchdog: killed process " + process.pid() + " and " + (tree.size() - 1)
        + " descendant(s)");
  }

  private static boolean awaitExit(ProcessHandle p, Duration limit) {
    CompletableFuture<ProcessHandle> exit = p.onExit();
    try {
      exit.get(limit.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (Exception e) {
      return !p.isAlive();
    }
  }
}
