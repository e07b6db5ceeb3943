package faremark.workload.process;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import faremark.contract.DayAggregate;
import faremark.contract.Json;
import faremark.contract.WorkloadSpec;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * The multi-process model's parent ↔ worker protocol, one line per message, so that a worker is
 * a plain child process with three pipes:
 *
 * <ol>
 *   <li>parent → worker stdin: the slice spec as one JSON line ({@link #writeSpec});
 *   <li>worker → parent stdout: {@link Ready} once its runtime and client are up, no request
 *       sent;
 *   <li>parent → worker stdin: {@link #GO} once every worker is ready (so the parent's own
 *       {@code ready} event still means "no request sent");
 *   <li>worker → parent stdout: {@link Report}, its partial tally, then it exits 0.
 * </ol>
 *
 * Worker stderr is inherited (logs). A worker whose stdin closes, or whose parent dies, exits.
 */
final class WorkerProtocol {
  static final String GO = "go";

  private WorkerProtocol() {}

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = Ready.class, name = "ready"),
    @JsonSubTypes.Type(value = Report.class, name = "report")
  })
  sealed interface Message {}

  record Ready(long pid) implements Message {}

  /**
   * @param latency the worker's HdrHistogram (µs), compressed and base64-encoded, so the parent
   *     merges distributions rather than averaging percentiles
   */
  record Report(
      int ok,
      Map<String, Integer> failed,
      List<DayAggregate> aggregate,
      String latency,
      int peakThreads,
      int peakInFlight,
      Map<String, Integer> retried)
      implements Message {
    Report {
      retried = retried == null ? Map.of() : Map.copyOf(retried);
    }
  }

  static String write(Message message) {
    try {
      return Json.mapper().writerFor(Message.class).writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Message read(String line) {
    try {
      return Json.mapper().readValue(line, Message.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("not a worker message: " + line, e);
    }
  }

  static String writeSpec(WorkloadSpec spec) {
    try {
      return Json.mapper().writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static WorkloadSpec readSpec(String line) {
    try {
      return Json.mapper().readValue(line, WorkloadSpec.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("not a worker spec: " + line, e);
    }
  }

  static String encode(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
  }

  static Histogram decode(String encoded) {
    try {
      return Histogram.decodeFromCompressedByteBuffer(
          ByteBuffer.wrap(Base64.getDecoder().decode(encoded)), 0);
    } catch (DataFormatException e) {
      throw new IllegalArgumentException("worker latency histogram does not decode", e);
    }
  }
}
