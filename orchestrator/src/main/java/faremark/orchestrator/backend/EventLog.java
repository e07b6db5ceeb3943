package faremark.orchestrator.backend;

import faremark.contract.WorkloadEvent;
import faremark.orchestrator.sampling.RunClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a workload's stdout, line by line as it arrives, against the contract: a {@code ready}
 * event, then one {@code done}. Each line is stamped on the run's clock, the same axis as the
 * memory samples. Anything else on stdout is a contract violation, kept for the record.
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

  public EventLog(RunClock clock) {
    this.clock = clock;
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
