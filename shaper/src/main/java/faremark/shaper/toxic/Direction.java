package faremark.shaper.toxic;

import java.util.Locale;
import java.util.Optional;

/** Which way a toxic acts: {@code upstream} is client to server, {@code downstream} server to client. */
public enum Direction {
  // Declaration order is Toxiproxy's: toxic lists show upstream toxics first.
  UPSTREAM,
  DOWNSTREAM;

  /** The API's spelling. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the API's spelling; Toxiproxy accepts any case. */
  public static Optional<Direction> parse(String text) {
    for (Direction direction : values()) {
      if (direction.id().equalsIgnoreCase(text)) {
        return Optional.of(direction);
      }
    }
    return Optional.empty();
  }
}
