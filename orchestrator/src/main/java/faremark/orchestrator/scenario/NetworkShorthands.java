package faremark.orchestrator.scenario;

import faremark.contract.DataSize;
import faremark.contract.DurationText;
import faremark.shaper.toxic.PlannedToxic;
import faremark.shaper.toxic.Shorthands;
import faremark.shaper.toxic.ToxicUnit;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The readable shorthands of a scenario's {@code network} section: {@code rtt}, {@code jitter}
 * and {@code bandwidth}, kept as the file wrote them (the resolved scenario and {@code
 * network.json} record them) and expanded into Toxiproxy toxics by the shaper's {@link
 * Shorthands}, the one expansion the compose network setup uses too. Shorthand toxics come before
 * the section's own toxics.
 *
 * @param rtt added round-trip time; whole milliseconds, as Toxiproxy's latency
 * @param jitter variation of the round trip, ± this much
 * @param bandwidth bytes per second, each direction, each connection; a whole number of
 *     Toxiproxy's KB/s (1 KB = 1000 B)
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

  /** The toxics these shorthands stand for (see {@link Shorthands}). */
  public List<PlannedToxic> expand() {
    return Shorthands.expand(rtt, jitter.orElse(Duration.ZERO),
        bandwidth.map(b -> OptionalLong.of(kbPerSecond(b))).orElse(OptionalLong.empty()));
  }

  /** As the scenario file writes them: {@code rtt: 200ms}, {@code bandwidth: 1MB/s}. */
  public Map<String, String> asText() {
    Map<String, String> m = new LinkedHashMap<>();
    rtt.ifPresent(r -> m.put("rtt", DurationText.format(r)));
    jitter.ifPresent(j -> m.put("jitter", DurationText.format(j)));
    bandwidth.ifPresent(b -> m.put("bandwidth", formatRate(b)));
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

  /** Rates as written back: the largest SI unit that is exact ({@code 1MB/s}, {@code 250KB/s}). */
  static String formatRate(DataSize perSecond) {
    long b = perSecond.bytes();
    if (b != 0 && b % 1_000_000_000L == 0) {
      return b / 1_000_000_000L + "GB/s";
    }
    if (b != 0 && b % 1_000_000L == 0) {
      return b / 1_000_000L + "MB/s";
    }
    if (b != 0 && b % 1_000L == 0) {
      return b / 1_000L + "KB/s";
    }
    return perSecond + "/s";
  }
}
