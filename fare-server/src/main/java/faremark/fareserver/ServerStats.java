package faremark.fareserver;

/**
 * What the server saw, as one consistent-enough snapshot (each field is exact; fields are read
 * one after another, so a snapshot taken under load may mix adjacent instants).
 *
 * <p>Counters count since start or the last reset. "Observed" maxima are the server's own
 * measurement of its caps: with {@code maxInFlight = 5} {@link #maxInFlightObserved} never
 * exceeds 5. Gauges ({@link #openConnections}, {@link #inFlight}, {@link #queued}) are current
 * values and are not reset.
 *
 * @param requests {@code /fares} requests received (whatever became of them)
 * @param served {@code /fares} answers with 200 sent
 * @param rejected 503 answers sent (connection or in-flight cap, policy {@code reject})
 * @param refused connections closed without an answer by policy {@code refuse}
 * @param idleClosed connections the server closed for sitting idle past the keep-alive timeout
 * @param badRequests client errors answered (400, 404, 405, 413) on any path
 * @param connectionsAccepted TCP connections accepted, including queued, rejected and refused
 * @param maxConnectionsObserved most connections being served at once
 * @param maxInFlightObserved most {@code /fares} requests inside their service time at once
 * @param maxQueuedObserved most connections plus requests waiting for a slot at once
 * @param openConnections connections being served now (holding a connection slot)
 * @param inFlight {@code /fares} requests inside their service time now
 * @param queued connections plus requests waiting for a slot now
 */
public record ServerStats(
    long requests,
    long served,
    long rejected,
    long refused,
    long idleClosed,
    long badRequests,
    long connectionsAccepted,
    int maxConnectionsObserved,
    int maxInFlightObserved,
    int maxQueuedObserved,
    int openConnections,
    int inFlight,
    int queued) {}
