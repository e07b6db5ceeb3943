package faremark.orchestrator.results.sweep;

import com.fasterxml.jackson.annotation.JsonValue;

/** The unit of a sweep figure; a slope's unit is this per one more request in flight. */
public enum Unit {
  BYTES("bytes"),
  MILLISECONDS("ms");

  private final String id;

  Unit(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }
}
