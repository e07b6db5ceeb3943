package faremark.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A workload's own account of its run, carried by the {@code done} event.
 *
 * @param model model id
 * @param requested requests the run had to make (one per day)
 * @param ok requests that returned 200 and a body that parsed
 * @param failed failed requests by cause ({@link FailureCause} ids); empty when all succeeded
 * @param startedAt wall clock when the first request was issued
 * @param endedAt wall clock when the last response was handled
 * @param requestPhase monotonic time from first request issued to last response handled
 * @param latency per-request latency percentiles
 * @param aggregate one entry per day that succeeded, sorted by date: the verification value
 * @param details model facts worth recording (client, threads, processes...)
 */
public record WorkloadResult(
    String model,
    int requested,
    int ok,
    Map<String, Integer> failed,
    Instant startedAt,
    Instant endedAt,
    @JsonProperty("requestPhaseUs")
        @JsonSerialize(using = MillisDuration.MicrosSerializer.class)
        @JsonDeserialize(using = MillisDuration.MicrosDeserializer.class)
        Duration requestPhase,
    LatencySummary latency,
    List<DayAggregate> aggregate,
    Map<String, Object> details) {

  public WorkloadResult {
    failed = failed == null ? Map.of() : new TreeMap<>(failed);
    aggregate = aggregate == null ? List.of() : List.copyOf(aggregate);
    details = details == null ? Map.of() : new TreeMap<>(details);
  }

  public int failedTotal() {
    return failed.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Exit code the contract asks for: 0 only when every request succeeded. */
  public int exitCode() {
    return ok == requested && failedTotal() == 0 ? 0 : 1;
  }
}
