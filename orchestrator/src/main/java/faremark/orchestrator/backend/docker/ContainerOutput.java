package faremark.orchestrator.backend.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A workload container's output as it comes, attached before the container starts so no line is
 * missed: stdout split into lines for the event log (frames do not end at line ends), stderr
 * copied to the run's stderr.log.
 */
final class ContainerOutput extends ResultCallback.Adapter<Frame> {
  private final Consumer<String> stdoutLines;
  private final OutputStream stderr;
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

  ContainerOutput(Consumer<String> stdoutLines, OutputStream stderr) {
    this.stdoutLines = stdoutLines;
    this.stderr = stderr;
  }

  @Override
  public void onNext(Frame frame) {
    byte[] payload = frame.getPayload();
    if (frame.getStreamType() == StreamType.STDERR) {
      try {
        stderr.write(payload);
      } catch (IOException e) {
        // the run's folder went away; the run itself still counts
      }
      return;
    }
    synchronized (partial) {
      for (byte b : payload) {
        if (b == '\n') {
          emit();
        } else {
          partial.write(b);
        }
      }
    }
  }

  /** A last line without its newline still counts. */
  @Override
  public void onComplete() {
    synchronized (partial) {
      if (partial.size() > 0) {
        emit();
      }
    }
    super.onComplete();
  }

  private void emit() {
    String line = partial.toString(StandardCharsets.UTF_8);
    partial.reset();
    stdoutLines.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
  }
}
