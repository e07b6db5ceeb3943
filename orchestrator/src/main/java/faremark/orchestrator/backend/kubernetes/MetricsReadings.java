package faremark.orchestrator.backend.kubernetes;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The coarse fallback where no probe runs beside a run: metrics-server's working set of the
 * workload container, asked for every {@link #EVERY}. It is coarse by construction:
 * metrics-server scrapes the kubelet every 10-60 s (it refuses less than 10 s) and reports a
 * window's value, so a run shorter than its window may get no reading, a peak between two
 * scrapes is never seen, and there is no kernel peak. The readings are stamped on this
 * process's clock, not the node's. Where metrics-server is not installed there are none, and
 * the run's definition says so.
 */
final class MetricsReadings {
  static final Duration EVERY = Duration.ofSeconds(15);

  /** One reading: when this process got it, and the working set it said. */
  record Reading(Instant at, long workingSetBytes) {}

  private final KubernetesClient client;
  private final String namespace;
  private final List<Reading> readings = new ArrayList<>();
  private long lastAsked = Long.MIN_VALUE;
  private String unavailable;

  MetricsReadings(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /** Asks again when {@link #EVERY} has passed since the last time; cheap to call every poll. */
  void poll(String pod, long nowNanos) {
    if (unavailable != null || (lastAsked != Long.MIN_VALUE && nowNanos - lastAsked < EVERY.toNanos())) {
      return;
    }
    lastAsked = nowNanos;
    try {
      PodMetrics m = client.top().pods().metrics(namespace, pod);
      Optional<Quantity> memory = m == null || m.getContainers() == null ? Optional.empty()
          : m.getContainers().stream().filter(c -> RunManifests.WORKLOAD.equals(c.getName()))
              .findFirst().map(c -> c.getUsage() == null ? null : c.getUsage().get("memory"));
      memory.ifPresent(q -> readings.add(new Reading(Instant.now(),
          Quantity.getAmountInBytes(q).longValue())));
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404 && readings.isEmpty()) {
        // Not found: no metrics-server, or no window for this pod yet; asked again next time
        return;
      }
      unavailable = e.getMessage();
    }
  }

  List<Reading> readings() {
    return List.copyOf(readings);
  }

  /** Why there were none, where the API said why. */
  Optional<String> unavailable() {
    return Optional.ofNullable(unavailable);
  }
}
