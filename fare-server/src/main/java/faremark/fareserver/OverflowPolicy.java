package faremark.fareserver;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What the server does with a connection or request over its cap, as real servers do. */
public enum OverflowPolicy {
  /** Wait for a free slot (a listen backlog, a worker queue): the client just sees latency. */
  QUEUE("queue"),
  /** Answer at once with 503 Service Unavailable and a Retry-After header. */
  REJECT("reject"),
  /** Close the connection at once, without an answer. */
  REFUSE("refuse");

  private final String id;

  OverflowPolicy(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }

  @JsonCreator
  public static OverflowPolicy of(String id) {
    for (OverflowPolicy p : values()) {
      if (p.id.equals(id)) {
        return p;
      }
    }
    throw new IllegalArgumentException("expected one of " + ids() + ", got '" + id + "'");
  }

  public static String ids() {
    return Arrays.stream(values()).map(OverflowPolicy::id).collect(Collectors.joining(", "));
  }
}
