package faremark.orchestrator.scenario;

import faremark.contract.DataSize;
import faremark.shaper.toxic.Bandwidth;
import faremark.shaper.toxic.Direction;
import faremark.shaper.toxic.Latency;
import faremark.shaper.toxic.PlannedToxic;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What lies between the workloads and the fare server: one Toxiproxy proxy with these toxics.
 * Every workload reaches the server only through it, even with no toxics.
 *
 * @param toxics every toxic, shorthands already expanded (see {@link NetworkShorthands}); what is
 *     applied to the proxy, in this order
 * @param expandedFrom the shorthands the file gave, kept to show where {@code rtt_*} and
 *     {@code bandwidth_*} toxics came from; a resolved scenario carries them as {@code
 *     expandedFrom} so that loading it back does not expand them twice
 * @param proxyUrl the Toxiproxy API to drive; empty: faremark's embedded shaper
 */
public record Network(
    List<PlannedToxic> toxics, NetworkShorthands expandedFrom, Optional<URI> proxyUrl) {
  public static final Network NONE = new Network(List.of(), NetworkShorthands.NONE, Optional.empty());

  public Network {
    toxics = List.copyOf(toxics);
    Objects.requireNonNull(expandedFrom, "expandedFrom");
    Objects.requireNonNull(proxyUrl, "proxyUrl");
    long distinct = toxics.stream().map(PlannedToxic::name).distinct().count();
    if (distinct != toxics.size()) {
      throw new IllegalArgumentException("toxic names must be unique, got "
          + toxics.stream().map(PlannedToxic::name).toList());
    }
  }

  /**
   * The same network with {@code rtt} as its round-trip shorthand (a sweep's point): the
   * shorthand's latency toxics replaced, jitter and bandwidth kept, the section's own toxics after
   * them as before.
   *
   * @throws IllegalArgumentException where one of the section's own toxics already has a name
   *     the shorthand gives ({@code rtt_upstream}, {@code rtt_downstream})
   */
  public Network withRtt(Duration rtt) {
    java.util.Set<String> fromShorthands = expandedFrom.expand().stream().map(PlannedToxic::name)
        .collect(Collectors.toSet());
    NetworkShorthands next = new NetworkShorthands(Optional.of(rtt), expandedFrom.jitter(),
        expandedFrom.bandwidth());
    List<PlannedToxic> all = new java.util.ArrayList<>(next.expand());
    java.util.Set<String> names = all.stream().map(PlannedToxic::name).collect(Collectors.toSet());
    for (PlannedToxic t : toxics) {
      if (fromShorthands.contains(t.name())) {
        continue;
      }
      if (names.contains(t.name())) {
        throw new IllegalArgumentException("network.toxics already has a toxic named " + t.name()
            + ", the name network.rtt's latency toxic takes; rename it, or give the round trip as"
            + " network.rtt instead");
      }
      all.add(t);
    }
    return new Network(all, next, proxyUrl);
  }

  /** The same network driven through another Toxiproxy API (CLI {@code --proxy-url}, env). */
  public Network withProxyUrl(Optional<URI> url) {
    return new Network(toxics, expandedFrom, url);
  }

  /**
   * The mean time the latency toxics add to one request and its response: every latency toxic,
   * both directions, weighted by its toxicity (Toxiproxy applies it to that share of
   * connections). Jitter is symmetric and adds nothing on average.
   */
  public Duration meanRoundTrip() {
    double ms = toxics.stream().filter(t -> t.type().toxicClass() == Latency.class)
        .mapToDouble(t -> t.toxicity() * t.attribute("latency")).sum();
    return Duration.ofNanos(Math.round(ms * 1_000_000));
  }

  /**
   * The mean time the downstream bandwidth toxics add to receiving {@code payload}: the slowest
   * one sets the pace (chained toxics pipeline), weighted by its toxicity. The request, a few
   * hundred bytes upstream, is left out.
   */
  public Duration transferTime(DataSize payload) {
    double seconds = toxics.stream()
        .filter(t -> t.type().toxicClass() == Bandwidth.class && t.stream() == Direction.DOWNSTREAM)
        .mapToDouble(t -> t.toxicity() * payload.bytes() / (t.attribute("rate") * 1000.0))
        .max().orElse(0);
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }

  /** One line for the console: what the proxy does, and whose proxy it is. */
  public String describe() {
    String via = proxyUrl.map(u -> "Toxiproxy at " + u).orElse("embedded shaper");
    if (toxics.isEmpty()) {
      return "no toxics (pass-through), " + via;
    }
    String shorthand = expandedFrom.asText().entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    return (shorthand.isEmpty() ? "" : shorthand + "; ")
        + toxics.stream().map(PlannedToxic::describe).collect(Collectors.joining("; "))
        + "; " + via;
  }
}
