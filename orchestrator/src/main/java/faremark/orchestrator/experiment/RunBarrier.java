package faremark.orchestrator.experiment;

import faremark.fareserver.BarrierState;
import faremark.orchestrator.backend.FareService;
import faremark.orchestrator.results.InFlight;
import faremark.orchestrator.scenario.Estimates;
import faremark.orchestrator.scenario.Scenario;
import faremark.orchestrator.scenario.Sweep;
import java.io.IOException;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.locks.LockSupport;

/**
 * One run's use of the fare server's barrier: armed before the run with the requests the model
 * will have in flight at this point, watched while it runs (a daemon thread polls the server, so
 * the backend learns of the release within {@link #POLL} and reads the memory breakdown then),
 * and read after it into the run's {@link InFlight}. Without a barrier (none asked, or a model
 * whose parallelism is unknown) it does nothing and the run's InFlight is null.
 */
final class RunBarrier implements AutoCloseable {
  /** How often the server is asked whether it released: well within a request's service time. */
  static final Duration POLL = Duration.ofMillis(20);

  private final FareService server;
  private final int target;
  private final Thread watcher;
  private volatile boolean released;
  private volatile boolean closed;
  private volatile String watchFailure;

  private RunBarrier(FareService server, int target) {
    this.server = server;
    this.target = target;
    this.watcher = target == 0 ? null : new Thread(this::watch, "faremark-barrier-watch");
  }

  /**
   * Arms the barrier for one run of {@code model} at {@code at} (a sweep's point), if the sweep
   * asks for it; otherwise a barrier that does nothing.
   */
  static RunBarrier arm(FareService server, Scenario scenario, Scenario at, String model)
      throws IOException {
    Sweep sweep = scenario.sweep().orElse(null);
    OptionalInt n = Estimates.inFlight(at, model);
    if (sweep == null || !sweep.barrier() || n.isEmpty()) {
      return new RunBarrier(server, 0);
    }
    server.armBarrier(n.getAsInt(), sweep.barrierTimeout());
    RunBarrier b = new RunBarrier(server, n.getAsInt());
    b.watcher.setDaemon(true);
    b.watcher.start();
    return b;
  }

  /** True once the server let the held requests go. */
  boolean released() {
    return released;
  }

  private void watch() {
    while (!closed && !released) {
      try {
        released = server.barrier().released();
      } catch (IOException e) {
        watchFailure = e.getMessage(); // the run's end reads the state once more and says why
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
  }

  /**
   * What the server says of the run once it ended, and the barrier turned off so nothing later
   * (a pre-flight, the next run before it is armed) is held; null without a barrier.
   */
  InFlight result() throws IOException {
    if (target == 0) {
      return null;
    }
    close();
    BarrierState s = server.barrier();
    server.armBarrier(0, Duration.ZERO);
    if (!s.released()) {
      return new InFlight(target, null, false, s.held() == 0
          ? "no request reached the fare server's barrier"
          : "the run ended with " + s.held() + " of " + target + " requests held, before the"
              + " barrier's timeout" + (watchFailure == null ? "" : " (" + watchFailure + ")"));
    }
    boolean reached = s.atRelease() != null && s.atRelease() >= target;
    String reason = reached ? null : s.reason() != null ? s.reason()
        : s.atRelease() + " of " + target + " requests in service at the release";
    return new InFlight(target, s.atRelease(), reached, reason);
  }

  @Override
  public void close() {
    closed = true;
    if (watcher != null) {
      LockSupport.unpark(watcher);
      try {
        watcher.join(POLL.multipliedBy(50).toMillis());
      } catch (InterruptedException e) {
        // Ctrl-C: ShutdownGuard tells the runner; setting the flag again would fail the run's
        // file writes, and the watcher is a daemon that ends at its next poll anyway.
      }
    }
  }
}
