package faremark.orchestrator.results.sweep;

import com.fasterxml.jackson.annotation.JsonValue;

/** A run of a sweep point left out of every figure and fit, and why: reported, never averaged in. */
public record Exclusion(String runId, Kind kind, String reason) {

  public enum Kind {
    /** The run did not end ok (failed requests, crashed, OOM-killed, timed out, interrupted). */
    NOT_OK("not-ok"),
    /** It ended ok but its answer was not verified against the fare server's expected one. */
    NOT_VERIFIED("not-verified"),
    /** The fare server never had the point's N requests in service at once. */
    IN_FLIGHT_NOT_REACHED("in-flight-not-reached");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    @JsonValue
    public String id() {
      return id;
    }
  }
}
