package faremark.contract;

/**
 * Request latency of one run, from an HdrHistogram recorded by the workload itself: time from
 * the request being issued by the model (after it got its concurrency slot) to the last byte of
 * the response body. Values in microseconds; percentiles are HdrHistogram's
 * {@code getValueAtPercentile}, i.e. the smallest recorded value such that the given percentage
 * of recordings is at or below it (3 significant digits).
 */
public record LatencySummary(
    long count, long minUs, double meanUs, long p50Us, long p90Us, long p99Us, long p999Us,
    long maxUs) {

  public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0);
}
