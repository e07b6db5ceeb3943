package faremark.orchestrator.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * What every fault of the suite shares: where rows put their folders, the table, whether the
 * docker backend can run here (else its rows are skipped, each with the reason in the table), and
 * how long clean-up may take.
 */
final class Suite {
  /** After a normal end, Ctrl-C or SIGTERM: everything is gone when faremark exits. */
  static final Duration CLEAN_AT_EXIT = Duration.ofSeconds(5);
  /**
   * After SIGKILL: the watchdog notices within a moment, waits up to 5 s for the pid to go, then
   * kills and removes; measured at 2 to 5 s on a loaded 2-core machine.
   */
  static final Duration CLEAN_AFTER_KILL = Duration.ofSeconds(20);
  /** A whole faremark command of the suite (its scenarios take seconds). */
  static final Duration COMMAND = Duration.ofMinutes(3);

  final Path tmp;
  final FaultTable table;
  private final Optional<String> dockerSkip;

  Suite(Path tmp, FaultTable table, Optional<String> dockerSkip) {
    this.tmp = tmp;
    this.table = table;
    this.dockerSkip = dockerSkip;
  }

  /** A row's recorder: the row goes into the table however the row's checks end. */
  Recorder row(String fault, String backend) {
    return new Recorder(table, fault, backend);
  }

  /** Skips the calling row when docker cannot run here, with the reason in the table. */
  void assumeDocker(String fault) {
    if (dockerSkip.isPresent()) {
      table.add(FaultTable.Row.skipped(fault, "docker", dockerSkip.get()));
      Assumptions.abort("docker: " + dockerSkip.get());
    }
  }

  /** Skips the calling row with {@code why}, which the table shows. */
  void skip(String fault, String backend, String why) {
    table.add(FaultTable.Row.skipped(fault, backend, why));
    Assumptions.abort(why);
  }

  /** Cells filled in as the row's checks pass; a failed check leaves "?" and the row still shows. */
  static final class Recorder implements AutoCloseable {
    private final FaultTable table;
    private final String fault;
    private final String backend;
    String outcome = "?";
    String exit = "?";
    String kept = "?";
    String left = "?";

    Recorder(FaultTable table, String fault, String backend) {
      this.table = table;
      this.fault = fault;
      this.backend = backend;
    }

    @Override
    public void close() {
      table.add(new FaultTable.Row(fault, backend, outcome, exit, kept, left));
    }
  }
}
