package faremark.shaper.toxic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The one expansion of the readable network shorthands into Toxiproxy toxics, shared by a
 * scenario's {@code network:} section (the orchestrator's {@code NetworkShorthands}) and the
 * compose network setup's flags, so that a compose run and an orchestrator run of the same
 * parameters put the same network in the path:
 *
 * <ul>
 *   <li>rtt R → two latency toxics, {@code rtt_upstream} with ⌊R/2⌋ and {@code rtt_downstream}
 *       with the rest, so a request and its response together take R longer — the round trip.
 *       Toxiproxy's latency is whole milliseconds, so R must be too.
 *   <li>jitter J (needs an rtt) → the {@code jitter} of those two toxics, split the same way
 *       (⌊J/2⌋ upstream, the rest downstream). Toxiproxy draws each chunk's delay uniformly in
 *       latency ± jitter, so a round trip varies within R ± J.
 *   <li>bandwidth B → two bandwidth toxics, {@code bandwidth_upstream} and {@code
 *       bandwidth_downstream}, each with rate B in Toxiproxy's KB/s where 1 KB = 1000 bytes (its
 *       bandwidth toxic sleeps {@code len × 1ms / rate}). Toxiproxy limits each connection and
 *       direction separately.
 * </ul>
 *
 * Latency before bandwidth; no rtt and no bandwidth: no toxics, a plain pass-through proxy.
 */
public final class Shorthands {
  private Shorthands() {}

  /**
   * @param rtt added round trip
   * @param jitter round-trip variation, ± this much ({@link Duration#ZERO}: none)
   * @param rateKbPerSecond Toxiproxy's bandwidth rate, each direction
   * @throws IllegalArgumentException for a jitter without an rtt, or a duration that is no whole
   *     number of milliseconds
   */
  public static List<PlannedToxic> expand(
      Optional<Duration> rtt, Duration jitter, OptionalLong rateKbPerSecond) {
    if (rtt.isEmpty() && !jitter.isZero()) {
      throw new IllegalArgumentException("jitter needs an rtt to vary");
    }
    List<PlannedToxic> out = new ArrayList<>();
    rtt.ifPresent(r -> {
      long ms = ToxicUnit.millis(r);
      long jitterMs = ToxicUnit.millis(jitter);
      out.add(latency("rtt_upstream", Direction.UPSTREAM, ms / 2, jitterMs / 2));
      out.add(latency(
          "rtt_downstream", Direction.DOWNSTREAM, ms - ms / 2, jitterMs - jitterMs / 2));
    });
    rateKbPerSecond.ifPresent(rate -> {
      ToxicType<Bandwidth> bandwidth = ToxicCatalog.of(Bandwidth.class);
      out.add(new PlannedToxic("bandwidth_upstream", bandwidth, Direction.UPSTREAM, 1,
          Map.of("rate", rate)));
      out.add(new PlannedToxic("bandwidth_downstream", bandwidth, Direction.DOWNSTREAM, 1,
          Map.of("rate", rate)));
    });
    return List.copyOf(out);
  }

  private static PlannedToxic latency(String name, Direction stream, long ms, long jitterMs) {
    Map<String, Long> a = new LinkedHashMap<>();
    a.put("latency", ms);
    a.put("jitter", jitterMs);
    return new PlannedToxic(name, ToxicCatalog.of(Latency.class), stream, 1, a);
  }
}
