package faremark.orchestrator.scenario;

import faremark.contract.DataSize;
import faremark.contract.DurationText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The readable shorthands of a scenario's {@code network} section and their expansion into
 * Toxiproxy toxics. The expansion, which {@link #expand()} implements and the resolved scenario
 * and {@code network.json} record:
 *
 * <ul>
 *   <li>{@code rtt: R} → two latency toxics, {@code rtt_upstream} with ⌊R/2⌋ and {@code
 *       rtt_downstream} with the rest, so a request and its response together take R longer —
 *       the round trip. Toxiproxy's latency is whole milliseconds, so R must be too.
 *   <li>{@code jitter: J} (needs {@code rtt}) → the {@code jitter} of those two toxics, split the
 *       same way (⌊J/2⌋ upstream, the rest downstream). Toxiproxy draws each chunk's delay
 *       uniformly in latency ± jitter, so a round trip varies within R ± J.
 *   <li>{@code bandwidth: B/s} → two bandwidth toxics, {@code bandwidth_upstream} and {@code
 *       bandwidth_downstream}, each with rate B in Toxiproxy's KB/s where 1 KB = 1000 bytes (its
 *       bandwidth toxic sleeps {@code len × 1ms / rate}); B must be a whole number of KB/s.
 *       Toxiproxy limits each connection and direction separately.
 * </ul>
 *
 * Shorthand toxics come before the section's own toxics, latency before bandwidth.
 *
 * @param rtt added round-trip time
 * @param jitter variation of the round trip, ± this much
 * @param bandwidth bytes per second, each direction, each connection
 */
public record NetworkShorthands(
    Optional<Duration> rtt, Optional<Duration> jitter, Optional<DataSize> bandwidth) {
  public static final NetworkShorthands NONE =
      new NetworkShorthands(Optional.empty(), Optional.empty(), Optional.empty());

  public NetworkShorthands {
    Objects.requireNonNull(rtt, "rtt");
    Objects.requireNonNull(jitter, "jitter");
    Objects.requireNonNull(bandwidth, "bandwidth");
    if (jitter.isPresent() && rtt.isEmpty()) {
      throw new IllegalArgumentException("jitter needs an rtt to vary");
    }
    rtt.ifPresent(ToxicUnit::millis);
    jitter.ifPresent(ToxicUnit::millis);
    bandwidth.ifPresent(NetworkShorthands::kbPerSecond);
  }

  public boolean isEmpty() {
    return rtt.isEmpty() && bandwidth.isEmpty();
  }

  /** The toxics these shorthands stand for (see the class comment). */
  public List<Toxic> expand() {
    List<Toxic> out = new ArrayList<>();
    rtt.ifPresent(r -> {
      long ms = ToxicUnit.millis(r);
      long jitterMs = jitter.map(ToxicUnit::millis).orElse(0L);
      out.add(latency("rtt_upstream", ToxicStream.UPSTREAM, ms / 2, jitterMs / 2));
      out.add(latency("rtt_downstream", ToxicStream.DOWNSTREAM, ms - ms / 2, jitterMs - jitterMs / 2));
    });
    bandwidth.ifPresent(b -> {
      long rate = kbPerSecond(b);
      out.add(new Toxic("bandwidth_upstream", ToxicType.BANDWIDTH, ToxicStream.UPSTREAM, 1,
          Map.of("rate", rate)));
      out.add(new Toxic("bandwidth_downstream", ToxicType.BANDWIDTH, ToxicStream.DOWNSTREAM, 1,
          Map.of("rate", rate)));
    });
    return out;
  }

  /** As the scenario file writes them: {@code rtt: 200ms}, {@code bandwidth: 1MB/s}. */
  public Map<String, String> asText() {
    Map<String, String> m = new LinkedHashMap<>();
    rtt.ifPresent(r -> m.put("rtt", DurationText.format(r)));
    jitter.ifPresent(j -> m.put("jitter", DurationText.format(j)));
    bandwidth.ifPresent(b -> m.put("bandwidth", ToxicUnit.formatRate(b)));
    return m;
  }

  /** Toxiproxy's rate for {@code perSecond} bytes a second: whole KB/s, 1 KB = 1000 B. */
  static long kbPerSecond(DataSize perSecond) {
    if (perSecond.bytes() % 1000 != 0 || perSecond.bytes() == 0) {
      throw new IllegalArgumentException("Toxiproxy's rate is a whole number >= 1 of KB/s"
          + " (1 KB = 1000 B); " + perSecond.bytes() + " B/s is "
          + perSecond.bytes() / 1000.0 + " KB/s");
    }
    return perSecond.bytes() / 1000;
  }

  private static Toxic latency(String name, ToxicStream stream, long ms, long jitterMs) {
    Map<String, Long> a = new LinkedHashMap<>();
    a.put("latency", ms);
    a.put("jitter", jitterMs);
    return new Toxic(name, ToxicType.LATENCY, stream, 1, a);
  }
}
