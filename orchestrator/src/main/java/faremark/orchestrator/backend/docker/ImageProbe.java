package faremark.orchestrator.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.StreamType;
import faremark.contract.model.PythonImplementation;
import faremark.orchestrator.backend.ModelLaunch;
import faremark.orchestrator.lifecycle.Cleanup;
import faremark.orchestrator.python.PythonProbe;
import faremark.orchestrator.python.PythonProber;
import faremark.orchestrator.python.PythonInterpreter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Asks a workload image's interpreter which libraries load, as the local backend asks this
 * machine's: {@code faremark_py/interpreter.py} run by the interpreter the image layout names for
 * the implementation, in a throw-away container (no network, unprivileged, labelled with the
 * experiment, removed before this returns), before any run starts. The image's libraries are
 * whatever its base brought, so this is the only way to know them.
 */
final class ImageProbe implements PythonProber {
  private static final long LIMIT_SECONDS = 120;

  private final DockerClient docker;
  private final Map<PythonImplementation, ImageRef> images;
  private final Map<PythonImplementation, String> why;
  private final String experiment;

  /**
   * @param images the workload image of each implementation there is
   * @param why why an implementation has no image (its models are skipped with this)
   */
  ImageProbe(DockerClient docker, Map<PythonImplementation, ImageRef> images,
      Map<PythonImplementation, String> why, String experiment) {
    this.docker = docker;
    this.images = Map.copyOf(images);
    this.why = Map.copyOf(why);
    this.experiment = experiment;
  }

  @Override
  public PythonProbe probe(PythonImplementation implementation, List<String> modules) {
    ImageRef image = images.get(implementation);
    if (image == null) {
      return PythonProbe.absent(implementation, why.getOrDefault(implementation,
          "no " + implementation.runtimeName() + " workload image"));
    }
    String python = ModelLaunch.Layout.IMAGE.python(implementation);
    List<String> command = new ArrayList<>(List.of(python, "-c", PythonInterpreter.probeScript()));
    command.addAll(modules);
    String id;
    try {
      id = docker.createContainerCmd(image.reference()).withCmd(command)
          .withName(experiment + "-probe-" + implementation.id())
          .withLabels(Labels.of(experiment, "probe"))
          .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")
              .withCapDrop(Capability.ALL).withSecurityOpts(List.of("no-new-privileges")))
          .exec().getId();
    } catch (DockerException e) {
      return PythonProbe.absent(implementation, "cannot create a container from " + image.reference()
          + " to check its " + python + ": " + e.getMessage());
    }
    try (Cleanup.Registration reg = Cleanup.global().register("container " + id,
        () -> ContainerRemoval.force(docker, id))) {
      docker.startContainerCmd(id).exec();
      Optional<Integer> code = Optional.empty();
      try (WaitContainerResultCallback wait = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback())) {
        if (wait.awaitCompletion(LIMIT_SECONDS, TimeUnit.SECONDS)) {
          code = Optional.of(wait.awaitStatusCode());
        }
      }
      String[] out = output(id);
      if (code.isEmpty() || code.get() != 0) {
        return PythonProbe.absent(implementation, python + " in " + image.reference() + " did not run the"
            + " library check (" + code.map(c -> "exit " + c).orElse("no exit within " + LIMIT_SECONDS + " s")
            + "): " + out[1].strip());
      }
      PythonProbe probe = PythonInterpreter.parse(implementation, out[0], modules);
      if (probe.implementation() != implementation) {
        return PythonProbe.absent(implementation, python + " in " + image.reference() + " is "
            + probe.runtime() + ", not " + implementation.runtimeName());
      }
      return new PythonProbe(implementation, Optional.of(python + " in " + image.reference()),
          probe.runtime(), probe.cacheTag(), probe.modules(), "");
    } catch (java.io.IOException | DockerException e) {
      return PythonProbe.absent(implementation, "checking " + python + " in " + image.reference()
          + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return PythonProbe.absent(implementation, "interrupted while checking " + image.reference());
    } finally {
      ContainerRemoval.force(docker, id);
    }
  }

  /** In containers the interpreter is the base image's. */
  @Override
  public String alternative(PythonImplementation implementation) {
    return switch (implementation) {
      case CPYTHON -> DockerSettings.PYTHON_IMAGE + " to a base image with a python3";
      case PYPY -> DockerSettings.PYPY_IMAGE + " to a base image with a pypy3";
    };
  }

  /** The container's stdout and stderr, apart. */
  private String[] output(String id) throws InterruptedException {
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    docker.logContainerCmd(id).withStdOut(true).withStdErr(true)
        .exec(new ResultCallback.Adapter<Frame>() {
          @Override
          public void onNext(Frame frame) {
            synchronized (out) {
              (frame.getStreamType() == StreamType.STDERR ? err : out)
                  .append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            }
          }
        })
        .awaitCompletion(10, TimeUnit.SECONDS);
    synchronized (out) {
      return new String[] {out.toString(), err.toString()};
    }
  }
}
