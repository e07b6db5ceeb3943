package faremark.workload;

import faremark.contract.Json;
import faremark.contract.WorkloadResult;
import faremark.contract.WorkloadSpec;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: run a model in-process the way WorkloadMain does. */
public final class Runs {
  private Runs() {}

  public static WorkloadResult run(WorkloadSpec spec) throws Exception {
    try (WorkloadModel model = JavaModels.create(spec)) {
      model.prepare();
      return model.run();
    }
  }

  /**
   * {@code WorkloadMain} as its own JVM, as the orchestrator starts it: this JVM's java, its
   * class path (the test classes' models included) and the registry's main class.
   */
  public static Process launch(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), JavaModels.MAIN_CLASS));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).start();
  }

  public static String json(WorkloadSpec spec) throws IOException {
    return Json.mapper().writeValueAsString(spec);
  }

  /** A loopback port nothing listens on (bound, then released). */
  public static URI closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
  }
}
