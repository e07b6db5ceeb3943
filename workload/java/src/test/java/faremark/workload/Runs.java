package faremark.workload;

import faremark.contract.WorkloadResult;
import faremark.contract.WorkloadSpec;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;

/** Test helpers: run a model in-process the way WorkloadMain does. */
final class Runs {
  private Runs() {}

  static WorkloadResult run(WorkloadSpec spec) throws Exception {
    try (WorkloadModel model = ModelCatalog.create(spec)) {
      model.prepare();
      return model.run();
    }
  }

  /** A loopback port nothing listens on (bound, then released). */
  static URI closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
  }
}
