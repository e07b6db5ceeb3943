package faremark.orchestrator.backend.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Renews the experiment object's heartbeat every {@link KubeLeftovers#BEAT} while faremark runs,
 * so that a faremark started on another machine tells this live experiment from a dead one
 * (whose pid it cannot ask about) and leaves it alone. A daemon thread: it dies with the process,
 * which is the point.
 */
final class Heartbeat implements AutoCloseable {
  private final ScheduledExecutorService timer;

  private Heartbeat(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  static Heartbeat start(KubernetesClient client, String namespace, String experiment) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "faremark-kube-heartbeat");
      t.setDaemon(true);
      return t;
    });
    long every = KubeLeftovers.BEAT.toSeconds();
    timer.scheduleAtFixedRate(() -> {
      try {
        client.configMaps().inNamespace(namespace).withName(experiment).edit(c -> {
          c.getMetadata().getAnnotations().put(KubeLabels.HEARTBEAT, Instant.now().toString());
          return c;
        });
      } catch (KubernetesClientException | NullPointerException e) {
        // a missed beat: ten in a row before anyone calls the experiment dead
      }
    }, every, every, TimeUnit.SECONDS);
    return new Heartbeat(timer);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
