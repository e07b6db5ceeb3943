package faremark.contract;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Objects;

/**
 * A run's whole latency distribution, carried by the {@code done} event's result next to its
 * {@link LatencySummary}, so that the orchestrator keeps it ({@code latency.hlog}) and merges runs
 * exactly instead of averaging their percentiles. Same values as the summary: microseconds, per
 * successful request, from the model issuing it to its body fully read (retries included: from
 * the first attempt to the body of the one that succeeded). Two forms, told apart by their one
 * field, because one runtime has HdrHistogram and the other does not:
 *
 * <ul>
 *   <li>{@code {"hdrHistogram": "HISTF..."}}: the Java models' recorder, as HdrHistogram's
 *       compressed encoding ({@code encodeIntoCompressedByteBuffer}) in base64, the same form the
 *       multi-process workers already send their parent and the form of a histogram log line;
 *   <li>{@code {"valuesUs": [..]}}: every value as recorded, one per successful request, where the
 *       runtime has no HdrHistogram (the Python models: Debian packages none); the orchestrator
 *       records them into a histogram of the same precision.
 * </ul>
 *
 * Optional in the contract: a workload that sends none (an external model, a folder written
 * before it existed) still runs; its run then has no {@code latency.hlog}, and its record says so.
 * The contract module holds no HdrHistogram: the encoded form is opaque here and decoded by the
 * orchestrator.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
@JsonSubTypes({
  @JsonSubTypes.Type(LatencyDistribution.HdrHistogram.class),
  @JsonSubTypes.Type(LatencyDistribution.ValuesUs.class)
})
public sealed interface LatencyDistribution {

  /** HdrHistogram's compressed encoding, base64, of a histogram of microsecond values. */
  record HdrHistogram(String hdrHistogram) implements LatencyDistribution {
    public HdrHistogram {
      Objects.requireNonNull(hdrHistogram, "hdrHistogram");
    }
  }

  /** Every successful request's latency in microseconds, in the order they were recorded. */
  record ValuesUs(List<Long> valuesUs) implements LatencyDistribution {
    public ValuesUs {
      valuesUs = List.copyOf(valuesUs);
    }
  }
}
