package faremark.shaper.setup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One toxic as Toxiproxy's API takes and reports it ({@code name, type, stream, toxicity,
 * attributes}), all attributes whole numbers as Toxiproxy's are.
 */
public record PlannedToxic(String name, String type, String stream, double toxicity,
    Map<String, Long> attributes) {

  public PlannedToxic {
    attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /**
   * The toxics for the options' network, by the same rules as a scenario's {@code network:}
   * shorthands (the orchestrator's {@code NetworkShorthands}; a test there checks that both
   * agree), so a compose run and an orchestrator run put the same network in the path:
   *
   * <ul>
   *   <li>rtt R, jitter J → {@code rtt_upstream} latency ⌊R/2⌋ ± ⌊J/2⌋ and {@code
   *       rtt_downstream} latency R−⌊R/2⌋ ± J−⌊J/2⌋ (a request and its answer together take R);
   *   <li>bandwidth B → {@code bandwidth_upstream} and {@code bandwidth_downstream} with rate B
   *       KB/s each (Toxiproxy limits each connection and direction separately).
   * </ul>
   *
   * Latency before bandwidth; no rtt and no bandwidth: no toxics, a plain pass-through proxy.
   */
  public static List<PlannedToxic> expand(SetupOptions options) {
    List<PlannedToxic> out = new ArrayList<>();
    options.rtt().ifPresent(rtt -> {
      long ms = rtt.toMillis();
      long jitterMs = options.jitter().toMillis();
      out.add(latency("rtt_upstream", "upstream", ms / 2, jitterMs / 2));
      out.add(latency("rtt_downstream", "downstream", ms - ms / 2, jitterMs - jitterMs / 2));
    });
    options.bandwidthKbPerSecond().ifPresent(rate -> {
      out.add(new PlannedToxic("bandwidth_upstream", "bandwidth", "upstream", 1.0, Map.of("rate", rate)));
      out.add(new PlannedToxic("bandwidth_downstream", "bandwidth", "downstream", 1.0, Map.of("rate", rate)));
    });
    return List.copyOf(out);
  }

  private static PlannedToxic latency(String name, String stream, long ms, long jitterMs) {
    Map<String, Long> a = new LinkedHashMap<>();
    a.put("latency", ms);
    a.put("jitter", jitterMs);
    return new PlannedToxic(name, "latency", stream, 1.0, a);
  }

  /** For people: {@code rtt_upstream: latency upstream latency=40 jitter=5}. */
  public String describe() {
    StringBuilder sb = new StringBuilder(name + ": " + type + " " + stream);
    attributes.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
    if (toxicity < 1.0) {
      sb.append(" toxicity=").append(toxicity);
    }
    return sb.toString();
  }
}
