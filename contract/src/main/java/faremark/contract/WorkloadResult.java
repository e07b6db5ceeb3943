package faremark.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param latencyDistribution every successful request's latency, whole, so runs merge exactly;
 *     null (and absent from the JSON) where the workload sends none. The orchestrator keeps it
 *     in the run's {@code latency.hlog} and leaves it out of {@code run.json}
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
    Map<String, Object> details,
    @JsonInclude(JsonInclude.Include.NON_NULL) LatencyDistribution latencyDistribution) {

  public WorkloadResult {
    failed = failed == null ? Map.of() : new TreeMap<>(failed);
    aggregate = aggregate == null ? List.of() : List.copyOf(aggregate);
    details = details == null ? Map.of() : new TreeMap<>(details);
  }

  /** A result without its latency distribution, as every workload sent before it existed. */
  public WorkloadResult(String model, int requested, int ok, Map<String, Integer> failed,
      Instant startedAt, Instant endedAt, Duration requestPhase, LatencySummary latency,
      List<DayAggregate> aggregate, Map<String, Object> details) {
    this(model, requested, ok, failed, startedAt, endedAt, requestPhase, latency, aggregate,
        details, null);
  }

  /** The same result with {@code newDetails} as its details. */
  public WorkloadResult withDetails(Map<String, Object> newDetails) {
    return new WorkloadResult(model, requested, ok, failed, startedAt, endedAt, requestPhase,
        latency, aggregate, newDetails, latencyDistribution);
  }

  /** The same result without its latency distribution (kept apart, in its own file). */
  public WorkloadResult withoutLatencyDistribution() {
    return latencyDistribution == null ? this : new WorkloadResult(model, requested, ok, failed,
        startedAt, endedAt, requestPhase, latency, aggregate, details, null);
  }

  public int failedTotal() {
    return failed.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Exit code the contract asks for: 0 only when every request succeeded. */
  public int exitCode() {
    return ok == requested && failedTotal() == 0 ? 0 : 1;
  }
}
