package faremark.orchestrator.backend.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The probe container's attach stream: stdout split into whole lines for the {@link
 * ProbeStreamReader}, the last few KiB of stderr kept for the error message when it fails. Unlike
 * a workload's output, a last line without its newline is not read: it is where the stream was
 * cut, and its last number may be missing digits.
 */
final class ProbeOutput extends ResultCallback.Adapter<Frame> {
  private static final int STDERR_KEPT = 4096;

  private final ProbeStreamReader reader;
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private final StringBuilder stderr = new StringBuilder();

  ProbeOutput(ProbeStreamReader reader) {
    this.reader = reader;
  }

  @Override
  public void onNext(Frame frame) {
    byte[] payload = frame.getPayload();
    if (frame.getStreamType() == StreamType.STDERR) {
      synchronized (stderr) {
        stderr.append(new String(payload, StandardCharsets.UTF_8));
        if (stderr.length() > STDERR_KEPT) {
          stderr.delete(0, stderr.length() - STDERR_KEPT);
        }
      }
      return;
    }
    synchronized (partial) {
      for (byte b : payload) {
        if (b == '\n') {
          String line = partial.toString(StandardCharsets.UTF_8);
          partial.reset();
          reader.accept(line);
        } else {
          partial.write(b);
        }
      }
    }
  }

  @Override
  public void onComplete() {
    reader.closed();
    super.onComplete();
  }

  @Override
  public void onError(Throwable throwable) {
    reader.closed();
    super.onError(throwable);
  }

  /** The end of the probe's stderr (a JVM's error, a mount refused), for messages. */
  String stderrTail() {
    synchronized (stderr) {
      return stderr.toString().strip();
    }
  }
}
