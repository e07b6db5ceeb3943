package faremark.orchestrator.backend.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * How this process reaches a port of a pod on the cluster: the fare server's API (expected
 * answers, counters, the barrier) and the proxy's (toxics). Workloads never use it; they reach
 * the services inside the cluster. Closing releases every port it opened.
 */
interface ServiceAccess extends AutoCloseable {

  /** {@code http://127.0.0.1:<port>} reaching {@code port} of {@code pod}. */
  URI open(String pod, int port) throws IOException;

  /** One console line: how the ports are reached. */
  String describe();

  @Override
  void close();

  /**
   * The API server's port-forward: a loopback port here (never another address: the default is
   * safe), tunnelled over the API connection the user's kubeconfig already allows. Enough for
   * the few control requests per run; the workloads' traffic never takes it.
   */
  final class PortForwards implements ServiceAccess {
    private final KubernetesClient client;
    private final String namespace;
    private final List<LocalPortForward> open = new ArrayList<>();

    PortForwards(KubernetesClient client, String namespace) {
      this.client = client;
      this.namespace = namespace;
    }

    @Override
    public synchronized URI open(String pod, int port) throws IOException {
      try {
        LocalPortForward forward = client.pods().inNamespace(namespace).withName(pod)
            .portForward(port, InetAddress.getLoopbackAddress(), 0);
        open.add(forward);
        return URI.create("http://127.0.0.1:" + forward.getLocalPort());
      } catch (KubernetesClientException e) {
        throw new IOException("cannot forward a local port to pod " + namespace + "/" + pod + ":"
            + port + " (does the kubeconfig's user have pods/portforward?): " + e.getMessage(), e);
      }
    }

    @Override
    public String describe() {
      return "port-forwarded by the API server to 127.0.0.1";
    }

    @Override
    public synchronized void close() {
      for (LocalPortForward f : open) {
        try {
          f.close();
        } catch (IOException | RuntimeException e) {
          // its socket is closed with the client in any case
        }
      }
      open.clear();
    }
  }
}
