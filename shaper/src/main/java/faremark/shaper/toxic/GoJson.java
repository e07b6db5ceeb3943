package faremark.shaper.toxic;

import com.fasterxml.jackson.databind.JsonNode;

/** Names JSON values the way Go's encoding/json error messages do, so errors read like Toxiproxy's. */
public final class GoJson {
  private GoJson() {}

  public static String kind(JsonNode value) {
    if (value.isTextual()) {
      return "string";
    }
    if (value.isNumber()) {
      return "number " + value.asText();
    }
    if (value.isBoolean()) {
      return "bool";
    }
    if (value.isArray()) {
      return "array";
    }
    if (value.isObject()) {
      return "object";
    }
    return "null";
  }
}
