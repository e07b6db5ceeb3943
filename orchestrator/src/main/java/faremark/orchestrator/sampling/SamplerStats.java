package faremark.orchestrator.sampling;

import java.time.Duration;
import java.util.Optional;

/**
 * How the sampling went, for the results: a reader can tell whether the series is as dense as
 * asked.
 *
 * @param samples samples taken (failed reads not counted)
 * @param missedTicks ticks skipped because a sample ran late (the machine was busy)
 * @param failures reads that threw (typically the last ones, after the process is gone)
 * @param interval the interval asked for
 * @param meanInterval mean time between consecutive samples; empty with fewer than two
 * @param meanSampleCost mean time one read of the probe took (the sampler's own overhead)
 * @param lastFailure the last failure's message, if any
 */
public record SamplerStats(
    int samples,
    long missedTicks,
    long failures,
    Duration interval,
    Optional<Duration> meanInterval,
    Duration meanSampleCost,
    Optional<String> lastFailure) {}
