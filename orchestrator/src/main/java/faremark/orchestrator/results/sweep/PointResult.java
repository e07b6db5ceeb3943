package faremark.orchestrator.results.sweep;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import faremark.orchestrator.results.PlainNumber;
import java.util.List;
import java.util.Map;

/**
 * One model at one sweep point.
 *
 * @param point the point's position in the sweep (0-based, scenario order)
 * @param value the swept parameter's value there (N, for {@code client.concurrency})
 * @param used the runs every figure of this point comes from
 * @param excluded the point's other runs, each with why
 * @param figures per figure id, the median over {@code used} runs that have it, with its interval;
 *     a figure no used run has is absent
 * @param values per figure id, each used run's value in the order of {@code used} (null where
 *     the run lacks it): the data points of the lines, so a reader can refit them
 */
public record PointResult(
    int point, @JsonSerialize(using = PlainNumber.class) double value, List<String> used, List<Exclusion> excluded,
    Map<String, Estimate> figures, Map<String, List<Number>> values) {}
