package faremark.orchestrator.results.sweep;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import faremark.orchestrator.results.PlainNumber;

/**
 * The kernel's share of what one more request in flight costs: the slope of {@code
 * atFullInFlight.kernel} over the slope of {@code atFullInFlight.total}, both over the runs that
 * have both, its interval from the same bootstrap resamples for both slopes (percentiles of the
 * ratio). The part of a request's memory a resident-set-size figure never sees.
 */
public record KernelShare(
    int runs,
    @JsonSerialize(using = PlainNumber.class) double share,
    @JsonSerialize(using = PlainNumber.class) Double low,
    @JsonSerialize(using = PlainNumber.class) Double high) {}
