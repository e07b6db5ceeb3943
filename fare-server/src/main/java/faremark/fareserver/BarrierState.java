package faremark.fareserver;

/**
 * The barrier of the current run, as {@code GET /barrier} answers it.
 *
 * @param target requests to have in service at once before any is answered; 0: no barrier
 * @param timeoutMillis how long after the first held request the barrier gives up
 * @param held requests held so far (all of them released once {@code released})
 * @param released the held requests were let go, on reaching the target or on the timeout
 * @param atRelease the server's own count of {@code /fares} requests in service (its in-flight
 *     gauge, held ones included) at the release; null before it
 * @param reached released because {@code held} reached {@code target}
 * @param reason why not reached, in words; null when reached or not yet released
 */
public record BarrierState(
    int target, long timeoutMillis, int held, boolean released, Integer atRelease, boolean reached,
    String reason) {

  /** No barrier armed. */
  public static final BarrierState OFF = new BarrierState(0, 0, 0, false, null, false, null);
}
