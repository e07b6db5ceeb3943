package faremark.orchestrator.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The last lines a container wrote, for error messages. */
final class ContainerLogs {
  private ContainerLogs() {}

  static String tail(DockerClient docker, String id, int lines) {
    StringBuilder text = new StringBuilder();
    try {
      docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withTail(lines)
          .exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
              synchronized (text) {
                text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
              }
            }
          })
          .awaitCompletion(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      return "(no log: " + e.getMessage() + ")";
    }
    synchronized (text) {
      return text.toString().strip().indent(2);
    }
  }
}
