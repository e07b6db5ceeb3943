package faremark.orchestrator.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fault suite's table: one row per fault and backend, in the order they ran, printed at the
 * end of the suite and written to {@code target/fault-suite.md} (docs/faults.md quotes it).
 */
final class FaultTable {
  /**
   * One fault on one backend.
   *
   * @param outcome what the results say (run outcome and reason, summary), or why it was skipped
   * @param exit the exit code seen (and what was expected when it differs)
   * @param runsKept finished runs on disk and readable by {@code faremark report}
   * @param leftBehind "0", or how many items and which
   */
  record Row(String fault, String backend, String outcome, String exit, String runsKept,
      String leftBehind) {
    static Row skipped(String fault, String backend, String why) {
      return new Row(fault, backend, "skipped: " + why, "-", "-", "-");
    }
  }

  private static final String[] HEADER = {
    "fault", "backend", "outcome recorded", "exit code", "runs kept", "items left behind"};

  private final List<Row> rows = new ArrayList<>();

  synchronized void add(Row row) {
    rows.add(row);
  }

  /** The table as Markdown. */
  synchronized String render() {
    StringBuilder t = new StringBuilder();
    line(t, HEADER);
    line(t, new String[] {"---", "---", "---", "---", "---", "---"});
    for (Row r : rows) {
      line(t, new String[] {r.fault(), r.backend(), r.outcome(), r.exit(), r.runsKept(), r.leftBehind()});
    }
    return t.toString();
  }

  private static void line(StringBuilder t, String[] cells) {
    t.append('|');
    for (String c : cells) {
      t.append(' ').append(c.replace("|", "\\|").replace("\n", " ")).append(" |");
    }
    t.append('\n');
  }

  /** Prints the table and writes it beside the build's other reports. */
  void publish(Path file) throws IOException {
    String table = render();
    System.out.println("\n[faremark] fault suite (" + rows.size() + " rows):\n" + table);
    Files.createDirectories(file.getParent());
    Files.writeString(file, table);
  }
}
