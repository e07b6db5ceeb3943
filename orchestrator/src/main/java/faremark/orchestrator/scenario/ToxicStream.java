package faremark.orchestrator.scenario;

import java.util.Arrays;
import java.util.List;

/**
 * Toxiproxy's direction of a toxic: {@code upstream} is client → server (the request),
 * {@code downstream} is server → client (the response). Toxiproxy's default is downstream.
 */
public enum ToxicStream {
  UPSTREAM("upstream"),
  DOWNSTREAM("downstream");

  private final String id;

  ToxicStream(String id) {
    this.id = id;
  }

  /** The word Toxiproxy's API and scenario files use. */
  public String id() {
    return id;
  }

  /** @throws IllegalArgumentException for anything but {@code upstream} / {@code downstream} */
  public static ToxicStream of(String id) {
    for (ToxicStream s : values()) {
      if (s.id.equals(id)) {
        return s;
      }
    }
    throw new IllegalArgumentException("expected one of " + ids() + ", got '" + id + "'");
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(ToxicStream::id).toList();
  }
}
