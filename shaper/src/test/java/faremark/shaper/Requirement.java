package faremark.shaper;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;

/**
 * The shaper's reader of {@code FAREMARK_REQUIRE} (the orchestrator's tests have the same one,
 * {@code faremark.orchestrator.Requirement}, and the Python tests theirs; the names are shared):
 * a test whose dependency is missing is skipped, saying why in one format on stderr, {@code
 * [faremark] <test> SKIPPED: <reason>}, unless the variable names the dependency: then it fails.
 * The shaper's only such dependency is a real Toxiproxy.
 */
public enum Requirement {
  /** A real Toxiproxy at TOXIPROXY_URL. */
  TOXIPROXY;

  public static final String VARIABLE = "FAREMARK_REQUIRE";
  /** Every name the variable may hold, this module's and the others'. */
  static final Set<String> KNOWN =
      Set.of("docker", "compose", "cgroup", "python", "chromium", "toxiproxy");

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Skips the calling test with {@code reason} printed, or fails it where this is required. */
  public void missing(String test, String reason) {
    missing(test, reason, required(System.getenv(VARIABLE)));
  }

  void missing(String test, String reason, Set<String> required) {
    if (required.contains(id())) {
      throw new AssertionError("[faremark] " + test + " FAILED: " + VARIABLE + " names " + id()
          + ", but " + reason);
    }
    System.err.println("[faremark] " + test + " SKIPPED: " + reason);
    Assumptions.abort(reason);
  }

  /** The names {@code value} holds; an unknown one is an error, so a typo cannot pass unseen. */
  static Set<String> required(String value) {
    Set<String> named = new TreeSet<>();
    if (value == null || value.isBlank()) {
      return named;
    }
    for (String raw : value.split(",")) {
      String entry = raw.trim().toLowerCase(Locale.ROOT);
      if (entry.isEmpty() || entry.startsWith("python:") && entry.length() > 7) {
        continue;
      }
      if (!KNOWN.contains(entry)) {
        throw new IllegalArgumentException(VARIABLE + ": unknown dependency '" + raw.trim()
            + "'; known: " + String.join(", ", new TreeSet<>(KNOWN)) + ", python:<module>");
      }
      named.add(entry);
    }
    return named;
  }

}
