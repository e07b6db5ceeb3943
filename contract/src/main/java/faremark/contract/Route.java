package faremark.contract;

import java.util.Objects;
import java.util.regex.Pattern;

/** A bus route: the article fetched Prague → Brno for 100 days. Codes are short station ids. */
public record Route(String from, String to) {
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");

  public Route {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!CODE.matcher(from).matches()) {
      throw new IllegalArgumentException("route.from must be 1-32 letters, digits, '-' or '_', got '" + from + "'");
    }
    if (!CODE.matcher(to).matches()) {
      throw new IllegalArgumentException("route.to must be 1-32 letters, digits, '-' or '_', got '" + to + "'");
    }
  }

  @Override
  public String toString() {
    return from + "-" + to;
  }
}
