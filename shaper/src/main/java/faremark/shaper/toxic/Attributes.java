package faremark.shaper.toxic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Reads a toxic's {@code attributes} object the way Go's JSON decoder fills Toxiproxy's structs:
 * absent or null fields keep their current value (zero for a new toxic), unknown fields are
 * ignored, and anything that is not an integer is refused.
 */
public final class Attributes {
  private final JsonNode node;
  private final String type;

  private Attributes(String type, JsonNode node) {
    this.type = type;
    this.node = node;
  }

  public static Attributes of(String type, JsonNode node) {
    if (node != null && !node.isNull() && !node.isObject()) {
      throw new BadAttributeException(
          "json: cannot unmarshal " + GoJson.kind(node) + " into attributes of " + type);
    }
    return new Attributes(type, node);
  }

  /** Attributes of a new toxic: every field starts at zero. */
  public static Attributes empty(String type) {
    return new Attributes(type, null);
  }

  public long get(String field, long current) {
    if (node == null || node.isNull()) {
      return current;
    }
    JsonNode value = findIgnoreCase(field);
    if (value == null || value.isNull()) {
      return current;
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.asLong();
    }
    throw new BadAttributeException(
        "json: cannot unmarshal " + GoJson.kind(value) + " into Go struct field "
            + type + ".attributes." + field + " of type int64");
  }

  /** Go's decoder matches field names case-insensitively when no exact match exists. */
  private JsonNode findIgnoreCase(String field) {
    JsonNode exact = node.get(field);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      if (entry.getKey().equalsIgnoreCase(field)) {
        return entry.getValue();
      }
    }
    return null;
  }

  /** An attribute of the wrong JSON type; the API answers 400 "bad request body: ...". */
  public static final class BadAttributeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadAttributeException(String message) {
      super(message);
    }
  }
}
