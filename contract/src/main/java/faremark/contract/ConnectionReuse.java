package faremark.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a workload uses HTTP connections. {@code shared}: one client (session) for the whole run,
 * connections kept alive and reused. {@code per-request}: a new client per request, closed after
 * it, so every request pays a new connection (the article's readers asked what that costs).
 */
public enum ConnectionReuse {
  SHARED("shared"),
  PER_REQUEST("per-request");

  private final String id;

  ConnectionReuse(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }

  @JsonCreator
  public static ConnectionReuse of(String id) {
    for (ConnectionReuse c : values()) {
      if (c.id.equals(id)) {
        return c;
      }
    }
    throw new IllegalArgumentException("expected one of " + ids() + ", got '" + id + "'");
  }

  public static String ids() {
    return Arrays.stream(values()).map(ConnectionReuse::id).collect(Collectors.joining(", "));
  }
}
