package faremark.orchestrator.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import faremark.orchestrator.lifecycle.Cleanup;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The CPU model of the machine an engine runs on. The engine's info names its kernel and CPU
 * count but not the CPU, and a remote engine's machine cannot be read from here: a throw-away
 * container (no network, no capabilities) reads {@code /proc/cpuinfo}, which is the host's.
 */
final class EngineCpu {
  private static final long LIMIT_SECONDS = 60;
  /** x86's "model name", else what ARM kernels give (no model name there). */
  private static final String SCRIPT = "grep -m1 '^model name' /proc/cpuinfo"
      + " || grep -m1 -E '^(Hardware|CPU part|cpu model|Processor)' /proc/cpuinfo || true";

  private EngineCpu() {}

  /** E.g. "Intel(R) Xeon(R) CPU @ 2.20GHz"; "unknown (why)" when it cannot be read. */
  static String model(DockerClient docker, ImageRef image, String experiment, String engineName) {
    String id;
    try {
      id = docker.createContainerCmd(image.reference())
          .withName(experiment + "-cpu-" + Long.toString(System.nanoTime(), 36))
          .withEntrypoint("sh", "-c", SCRIPT).withCmd(List.of())
          .withLabels(Labels.of(experiment, "cpu"))
          .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")
              .withCapDrop(Capability.ALL).withSecurityOpts(List.of("no-new-privileges")))
          .exec().getId();
    } catch (DockerException e) {
      return "unknown (cannot create a container on " + engineName + ": " + e.getMessage() + ")";
    }
    try (Cleanup.Registration reg = Cleanup.global().register("container " + id,
        () -> ContainerRemoval.force(docker, id))) {
      docker.startContainerCmd(id).exec();
      try (WaitContainerResultCallback wait = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback())) {
        if (!wait.awaitCompletion(LIMIT_SECONDS, TimeUnit.SECONDS)) {
          return "unknown (reading /proc/cpuinfo took over " + LIMIT_SECONDS + " s)";
        }
      }
      StringBuilder out = new StringBuilder();
      docker.logContainerCmd(id).withStdOut(true).exec(new ResultCallback.Adapter<Frame>() {
        @Override
        public void onNext(Frame frame) {
          synchronized (out) {
            out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
          }
        }
      }).awaitCompletion(10, TimeUnit.SECONDS);
      String line;
      synchronized (out) {
        line = out.toString().lines().findFirst().orElse("").strip();
      }
      int colon = line.indexOf(':');
      String model = colon < 0 ? line : line.substring(colon + 1).strip();
      return model.isEmpty() ? "unknown (/proc/cpuinfo names no model)" : model;
    } catch (java.io.IOException | DockerException e) {
      return "unknown (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown (interrupted)";
    } finally {
      ContainerRemoval.force(docker, id);
    }
  }
}
