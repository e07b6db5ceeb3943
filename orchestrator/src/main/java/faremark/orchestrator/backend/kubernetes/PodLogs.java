package faremark.orchestrator.backend.kubernetes;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's log as the kubelet gives it with {@code timestamps=true}: each line prefixed by
 * the time the container runtime took it from the container's stdout, on the node's clock, to
 * the nanosecond. The workload's {@code ready}/{@code done} lines and the probe's samples are
 * both stamped on that one clock, so the events fall where they happened among the samples,
 * whatever the delay between the node and this process.
 */
final class PodLogs {
  /** One stdout line and when the node's runtime read it. */
  record Line(Instant at, String text) {}

  private PodLogs() {}

  /**
   * The lines of {@code log}; a line without a readable timestamp (not the kubelet's format) is
   * kept with the previous line's time, or the epoch for the first, so nothing is lost.
   */
  static List<Line> parse(String log) {
    List<Line> out = new ArrayList<>();
    if (log == null || log.isEmpty()) {
      return out;
    }
    Instant last = Instant.EPOCH;
    for (String raw : log.split("\n", -1)) {
      if (raw.isEmpty()) {
        continue; // the final newline's empty remainder
      }
      String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
      int space = line.indexOf(' ');
      Instant at = null;
      if (space > 0) {
        try {
          at = OffsetDateTime.parse(line.substring(0, space)).toInstant();
        } catch (DateTimeParseException e) {
          at = null;
        }
      }
      if (at == null) {
        out.add(new Line(last, line));
      } else {
        last = at;
        out.add(new Line(at, line.substring(space + 1)));
      }
    }
    return out;
  }
}
