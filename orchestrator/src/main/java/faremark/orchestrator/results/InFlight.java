package faremark.orchestrator.results;

/**
 * Whether a run really had {@code target} requests in service at the fare server at once: the
 * server's own count when its barrier released them ({@code atRelease}; null where the server did
 * not hold requests), {@code reached} true only when atRelease >= target, and in words why not
 * ({@code reason}, null when reached). A run that did not reach its target is reported, never
 * averaged into a fit.
 */
public record InFlight(int target, Integer atRelease, boolean reached, String reason) {}
