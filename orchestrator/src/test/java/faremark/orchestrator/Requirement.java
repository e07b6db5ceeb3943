package faremark.orchestrator;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * Something on the machine some tests need. Where it is missing a test is skipped, and says why
 * in one format on stderr, {@code [faremark] <test> SKIPPED: <reason>}, so a skip is seen in the
 * build log and not only in the reports. Where {@code FAREMARK_REQUIRE} names the dependency
 * (CI sets it for what it installed), the same test fails instead: a dependency that was meant to
 * be there but does not work must not turn into a green build.
 *
 * <p>{@code FAREMARK_REQUIRE} is read here only (the shaper's tests and the Python tests have their
 * own reader of the same variable and names): a comma-separated list of {@link #id()}s;
 * {@code python:<module>} entries narrow {@code python} for the Python tests (e.g. PyPy, where
 * only requests loads) and mean nothing more here. An unknown name is an error
 * ({@code RequirementTest}), so a typo cannot quietly switch the check off.
 */
public enum Requirement {
  /** A Docker engine that answers, with a Java base image (docker/offline-bases.sh). */
  DOCKER,
  /** docker compose (v2) or docker-compose (1.29) with the offline base images. */
  COMPOSE,
  /** A memory cgroup this user can create (root, or a delegated v2 subtree). */
  CGROUP,
  /** python3 with the Python models' libraries (requests, aiohttp, gevent). */
  PYTHON,
  /** Headless Chromium, for the rendered-report test. */
  CHROMIUM,
  /** A real Toxiproxy at TOXIPROXY_URL (the shaper's contract test). */
  TOXIPROXY;

  public static final String VARIABLE = "FAREMARK_REQUIRE";

  /** The name used in {@code FAREMARK_REQUIRE}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Ends the calling test because this dependency is missing: skipped with {@code reason}
   * printed, or failed when {@code FAREMARK_REQUIRE} names it.
   *
   * @param test what is skipped, as the log line names it (a class, or class.method)
   */
  public void missing(String test, String reason) {
    missing(test, reason, required(System.getenv(VARIABLE)));
  }

  void missing(String test, String reason, Set<Requirement> required) {
    if (required.contains(this)) {
      throw new AssertionError("[faremark] " + test + " FAILED: " + VARIABLE + " names " + id()
          + ", but " + reason);
    }
    System.err.println("[faremark] " + test + " SKIPPED: " + reason);
    Assumptions.abort(reason);
  }

  /** {@link #missing} unless {@code available}; {@code reason} is asked only when it is not. */
  public void require(boolean available, String test, Supplier<String> reason) {
    if (!available) {
      missing(test, reason.get());
    }
  }

  /**
   * Skips the calling test where what it checks does not apply on this machine (not a missing
   * dependency: never a failure), printing why in the common format.
   */
  public static void notApplicable(String test, String reason) {
    System.err.println("[faremark] " + test + " SKIPPED: " + reason);
    Assumptions.abort(reason);
  }

  /** The dependencies {@code value} (FAREMARK_REQUIRE's text; null or blank: none) names. */
  public static Set<Requirement> required(String value) {
    Set<Requirement> named = EnumSet.noneOf(Requirement.class);
    if (value == null || value.isBlank()) {
      return named;
    }
    for (String raw : value.split(",")) {
      String entry = raw.trim().toLowerCase(Locale.ROOT);
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.startsWith("python:") && entry.length() > "python:".length()) {
        continue; // the Python tests' narrower form
      }
      named.add(Arrays.stream(values()).filter(r -> r.id().equals(entry)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException(VARIABLE + ": unknown dependency '"
              + raw.trim() + "'; known: " + Arrays.stream(values()).map(Requirement::id)
                  .collect(Collectors.joining(", ")) + ", python:<module>")));
    }
    return named;
  }
}
