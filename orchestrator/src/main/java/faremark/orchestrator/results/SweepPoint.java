package faremark.orchestrator.results;

/**
 * Where a run sits in a sweep: the scenario parameter the sweep varies (its path as written in the
 * scenario, e.g. {@code client.concurrency}), the value of this point, and the point's position in
 * the sweep's list (0-based, in the order the scenario gives them).
 */
public record SweepPoint(String parameter, double value, int point) {}
