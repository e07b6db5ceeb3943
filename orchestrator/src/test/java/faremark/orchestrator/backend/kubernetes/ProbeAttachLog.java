package faremark.orchestrator.backend.kubernetes;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import faremark.orchestrator.backend.docker.ProbeStreamReader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/** The probe's attach stream: stdout's whole lines to a reader, stderr kept for messages. */
final class ProbeAttachLog extends ResultCallback.Adapter<Frame> {
  final ProbeStreamReader reader = new ProbeStreamReader();
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private final StringBuilder stderr = new StringBuilder();
  volatile boolean closed;

  @Override
  public void onNext(Frame frame) {
    if (frame.getStreamType() == StreamType.STDERR) {
      synchronized (stderr) {
        stderr.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
      }
      return;
    }
    synchronized (partial) {
      for (byte b : frame.getPayload()) {
        if (b == '\n') {
          reader.accept(partial.toString(StandardCharsets.UTF_8));
          partial.reset();
        } else {
          partial.write(b);
        }
      }
    }
  }

  @Override
  public void onComplete() {
    closed = true;
    reader.closed();
    super.onComplete();
  }

  @Override
  public void onError(Throwable throwable) {
    closed = true;
    reader.closed();
    super.onError(throwable);
  }

  /** The wall-clock time of the last sample streamed so far. */
  Optional<Instant> lastSampleAt() {
    ProbeStreamReader.Result r = reader.result();
    if (r.samples().isEmpty() || r.originEpochNanos().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Instant.ofEpochSecond(0,
        r.originEpochNanos().getAsLong() + r.samples().getLast().at().toNanos()));
  }

  String stderr() {
    synchronized (stderr) {
      return stderr.toString().strip();
    }
  }

  String why() {
    ProbeStreamReader.Result r = reader.result();
    return "the probe is at " + reader.stage() + (closed ? ", its stream closed" : "")
        + r.error().map(e -> ", error: " + e).orElse("") + r.dir().map(d -> ", sampling " + d)
        .orElse("") + ", " + r.samples().size() + " samples" + (r.samples().isEmpty() ? ""
        : ", the last " + r.samples().getLast()) + (stderr().isEmpty() ? "" : ", stderr: " + stderr());
  }
}
