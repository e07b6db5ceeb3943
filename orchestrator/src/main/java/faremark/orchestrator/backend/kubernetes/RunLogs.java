package faremark.orchestrator.backend.kubernetes;

import java.util.ArrayList;
import java.util.List;

/**
 * The workload container's log, split into what the orchestrator reads and what it keeps. The
 * kubelet's log API merges a container's stdout and stderr into one stream, so the stdout
 * contract ("nothing but events on stdout") cannot be checked here as the other backends check
 * it: a line that is a JSON object naming an {@code "event"} is read as one, and judged as
 * strictly as elsewhere (a malformed event is still a violation); every other line is the
 * program's stderr, or its stray stdout, and goes to {@code stderr.log}.
 *
 * @param events the event lines, with the node's time
 * @param other every other line, with the node's time
 */
record RunLogs(List<PodLogs.Line> events, List<PodLogs.Line> other) {
  static RunLogs split(List<PodLogs.Line> lines) {
    List<PodLogs.Line> events = new ArrayList<>();
    List<PodLogs.Line> other = new ArrayList<>();
    for (PodLogs.Line line : lines) {
      String t = line.text().strip();
      (t.startsWith("{") && t.contains("\"event\"") ? events : other).add(line);
    }
    return new RunLogs(List.copyOf(events), List.copyOf(other));
  }

  /** The other lines as {@code stderr.log} keeps them: the node's time, then the text. */
  String otherText() {
    StringBuilder s = new StringBuilder();
    for (PodLogs.Line line : other) {
      s.append(line.at()).append(' ').append(line.text()).append('\n');
    }
    return s.toString();
  }
}
