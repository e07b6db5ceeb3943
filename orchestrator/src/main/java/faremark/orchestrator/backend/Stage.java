package faremark.orchestrator.backend;

import faremark.orchestrator.network.NetworkShaping;
import java.net.URI;
import java.util.Map;

/**
 * What every run of an experiment talks to: the fare server, the proxy in front of it with the
 * scenario's toxics, and the URL workloads are given for that proxy (as they see it, which on a
 * Docker network is not what this process sees).
 *
 * @param warmup what warmed server and proxy before the first run, for {@code
 *     stage-warmup.json}, with a {@code console} line; empty where the backend did not
 */
public record Stage(FareService server, NetworkShaping network, URI workloadTarget,
    Map<String, Object> warmup) {

  public Stage {
    warmup = warmup == null ? Map.of() : java.util.Collections.unmodifiableMap(
        new java.util.LinkedHashMap<>(warmup));
  }

  /** A stage nothing warmed. */
  public Stage(FareService server, NetworkShaping network, URI workloadTarget) {
    this(server, network, workloadTarget, Map.of());
  }
}
