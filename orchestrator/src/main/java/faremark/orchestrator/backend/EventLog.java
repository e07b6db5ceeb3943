package faremark.orchestrator.backend;

import faremark.contract.WorkloadEvent;
import faremark.orchestrator.sampling.MemoryProbe;
import faremark.orchestrator.sampling.RunClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a workload's stdout, line by line as it arrives, against the contract: a {@code ready}
 * event, then one {@code done}. Each line is stamped on the run's clock, the same axis as the
 * memory samples. Anything else on stdout is a contract violation, kept for the record.
 *
 * <p>As {@code ready} and {@code done} arrive it also reads the run's CPU counter from the probe
 * it was given ({@link #readCpuFrom}), so the run's CPU splits into before ready, the request
 * phase and after: one small file read on the reader thread, which never holds it long enough
 * to fill the pipe (the workload prints two lines).
 */
public final class EventLog {
  /** A stdout line as received, with its arrival time since launch. */
  public record Line(double tMs, String text) {}

  private final RunClock clock;
  private final List<Line> lines = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();
  private Duration readyAt;
  private Duration doneAt;
  private WorkloadEvent.Ready ready;
  private WorkloadEvent.Done done;
  private volatile MemoryProbe cpuProbe;
  private Duration cpuAtReady;
  private Duration cpuAtDone;

  public EventLog(RunClock clock) {
    this.clock = clock;
  }

  /**
   * Reads the run's CPU counter from {@code probe} at {@code ready} and {@code done} from now on;
   * set as soon as the backend has the probe (before the launch where it can).
   */
  public EventLog readCpuFrom(MemoryProbe probe) {
    this.cpuProbe = probe;
    return this;
  }

  /** Called from the process's stdout reader thread, once per line. */
  public synchronized void accept(String text) {
    Duration at = clock.elapsed();
    lines.add(new Line(at.toNanos() / 1e6, text));
    WorkloadEvent event;
    try {
      event = WorkloadEvent.parse(text);
    } catch (RuntimeException e) {
      event = null;
    }
    if (event == null) { // unparseable, or the JSON literal null
      violations.add("stdout line is not a workload event: " + abbreviate(text));
      return;
    }
    switch (event) {
      case WorkloadEvent.Ready r -> {
        if (ready != null) {
          violations.add("second ready event");
        } else if (done != null) {
          violations.add("ready after done");
        } else {
          ready = r;
          readyAt = at;
          cpuAtReady = cpuNow();
        }
      }
      case WorkloadEvent.Done d -> {
        if (done != null) {
          violations.add("second done event");
        } else {
          if (ready == null) {
            violations.add("done without a ready event before it");
          }
          done = d;
          doneAt = at;
          cpuAtDone = cpuNow();
        }
      }
    }
  }

  public synchronized List<Line> lines() {
    return List.copyOf(lines);
  }

  public synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  public synchronized Optional<Duration> readyAt() {
    return Optional.ofNullable(readyAt);
  }

  public synchronized Optional<Duration> doneAt() {
    return Optional.ofNullable(doneAt);
  }

  /** The run's CPU time when {@code ready} arrived; empty where it could not be read. */
  public synchronized Optional<Duration> cpuAtReady() {
    return Optional.ofNullable(cpuAtReady);
  }

  /** The run's CPU time when {@code done} arrived; empty where it could not be read. */
  public synchronized Optional<Duration> cpuAtDone() {
    return Optional.ofNullable(cpuAtDone);
  }

  private Duration cpuNow() {
    MemoryProbe probe = cpuProbe;
    try {
      return probe == null ? null : probe.cpuNow().orElse(null);
    } catch (RuntimeException e) {
      return null; // a figure we cannot read must never cost the event itself
    }
  }

  public synchronized Optional<WorkloadEvent.Ready> ready() {
    return Optional.ofNullable(ready);
  }

  public synchronized Optional<WorkloadEvent.Done> done() {
    return Optional.ofNullable(done);
  }

  private static String abbreviate(String s) {
    return s.length() <= 160 ? s : s.substring(0, 160) + "...";
  }
}
