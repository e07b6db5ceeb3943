package faremark.contract;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The workload contract's output: one JSON object per stdout line, told apart by {@code event}.
 * {@code ready}: the runtime is up, no request has been sent yet (memory before it is the
 * runtime's baseline). {@code done}: the result. Nothing else is printed on stdout.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
  @JsonSubTypes.Type(value = WorkloadEvent.Ready.class, name = "ready"),
  @JsonSubTypes.Type(value = WorkloadEvent.Done.class, name = "done")
})
public sealed interface WorkloadEvent {

  /**
   * @param runtime e.g. "OpenJDK 64-Bit Server VM 25" or "CPython 3.11.2"
   */
  record Ready(String model, long pid, String runtime, Instant at) implements WorkloadEvent {}

  record Done(WorkloadResult result, Instant at) implements WorkloadEvent {}

  /** Parses one stdout line. */
  static WorkloadEvent parse(String line) {
    try {
      return Json.mapper().readValue(line, WorkloadEvent.class);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException("not a workload event: " + abbreviate(line), e);
    }
  }

  /** Writes the event as one line and flushes, so the reader sees it at once. */
  static void print(WorkloadEvent event, PrintStream out) {
    try {
      String line = Json.mapper().writerFor(WorkloadEvent.class).writeValueAsString(event);
      synchronized (out) {
        out.println(line);
        out.flush();
      }
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String abbreviate(String line) {
    return line.length() <= 200 ? line : line.substring(0, 200) + "...";
  }
}
