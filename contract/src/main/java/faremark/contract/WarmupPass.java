package faremark.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One warm-up pass a workload made before {@code ready} ({@link WorkloadSpec#warmup()}): the whole
 * job through a throw-away instance of the model. A workload lists its passes, in order, in its
 * result's {@code details.warmup}; they are a record of what the runtime's first use cost and are
 * never counted in the result's own figures (ok, failed, latency, aggregate, request phase).
 *
 * @param requestPhase the pass's request phase, as {@link WorkloadResult#requestPhase()} measures
 *     it; for a multi-process model, whose workers warm up each on its own share of the days at
 *     the same time and unsynchronised, the longest worker's
 * @param requested requests the pass had to make (one per day)
 * @param ok requests that succeeded
 * @param failed failed requests by cause
 * @param retried attempts that failed and were tried again, by cause (the spec's retries)
 * @param latency the pass's request latency
 * @param cpu CPU time (user + system, every thread) the workload's processes used during the
 *     pass; null where the workload cannot tell
 */
public record WarmupPass(
    @JsonProperty("requestPhaseUs")
        @JsonSerialize(using = MillisDuration.MicrosSerializer.class)
        @JsonDeserialize(using = MillisDuration.MicrosDeserializer.class)
        Duration requestPhase,
    int requested,
    int ok,
    Map<String, Integer> failed,
    Map<String, Integer> retried,
    LatencySummary latency,
    @JsonProperty("cpuUs")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @JsonSerialize(using = MillisDuration.MicrosSerializer.class)
        @JsonDeserialize(using = MillisDuration.MicrosDeserializer.class)
        Duration cpu) {

  /** The key of {@link WorkloadResult#details()} that holds the passes. */
  public static final String DETAILS_KEY = "warmup";

  private static final TypeReference<List<WarmupPass>> LIST = new TypeReference<>() {};

  public WarmupPass {
    failed = failed == null ? Map.of() : new TreeMap<>(failed);
    retried = retried == null ? Map.of() : new TreeMap<>(retried);
    latency = latency == null ? LatencySummary.EMPTY : latency;
  }

  /** A pass from the result the throw-away instance returned, and the CPU it used. */
  public static WarmupPass of(WorkloadResult pass, Duration cpu) {
    Map<String, Integer> retried = new TreeMap<>();
    if (pass.details().get("retried") instanceof Map<?, ?> m) {
      m.forEach((k, v) -> {
        if (v instanceof Number n) {
          retried.put(String.valueOf(k), n.intValue());
        }
      });
    }
    return new WarmupPass(pass.requestPhase(), pass.requested(), pass.ok(), pass.failed(), retried,
        pass.latency(), cpu);
  }

  /** Requests this pass meant to send: one per day plus every retry. */
  @JsonIgnore
  public long attempts() {
    return requested + retried.values().stream().mapToLong(Integer::longValue).sum();
  }

  @JsonIgnore
  public int failedTotal() {
    return failed.values().stream().mapToInt(Integer::intValue).sum();
  }

  /**
   * The passes {@code result} reports; empty when it reports none (no warm-up was asked for, or
   * the workload does not know the field) or when {@code details.warmup} is not a list of passes.
   */
  public static Optional<List<WarmupPass>> in(WorkloadResult result) {
    Object raw = result == null ? null : result.details().get(DETAILS_KEY);
    if (raw == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(List.copyOf(Json.mapper().convertValue(raw, LIST)));
    } catch (IllegalArgumentException | NullPointerException e) {
      // An external workload's own idea of "warmup": not our passes, and not to be trusted as such.
      return Optional.empty();
    }
  }
}
