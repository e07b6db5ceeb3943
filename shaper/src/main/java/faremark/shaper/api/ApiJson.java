package faremark.shaper.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import faremark.shaper.proxy.ApiException;
import faremark.shaper.proxy.ProxyServer;
import faremark.shaper.toxic.ToxicSpec;
import java.math.BigDecimal;
import java.util.Map;

/** Toxiproxy's JSON shapes, field for field and in the same order. */
final class ApiJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private ApiJson() {}

  /** {@code {name, listen, upstream, enabled, toxics: [...]}} */
  static ObjectNode proxy(ProxyServer.View view) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("name", view.name());
    node.put("listen", view.listen());
    node.put("upstream", view.upstream());
    node.put("enabled", view.enabled());
    ArrayNode toxics = node.putArray("toxics");
    view.toxics().forEach(t -> toxics.add(toxic(t)));
    return node;
  }

  /** {@code {attributes: {...}, name, type, stream, toxicity}} */
  static ObjectNode toxic(ToxicSpec spec) {
    ObjectNode node = MAPPER.createObjectNode();
    ObjectNode attributes = node.putObject("attributes");
    for (Map.Entry<String, Long> attribute : spec.toxic().attributes().entrySet()) {
      attributes.put(attribute.getKey(), attribute.getValue());
    }
    node.put("name", spec.name());
    node.put("type", spec.toxic().type());
    node.put("stream", spec.stream().id());
    // Go prints a float32 in its shortest form: 1 rather than 1.0, 0.5, 0.1.
    node.put("toxicity", new BigDecimal(Float.toString(spec.toxicity())).stripTrailingZeros());
    return node;
  }

  static ObjectNode error(ApiException e) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("error", e.getMessage());
    node.put("status", e.status());
    return node;
  }

  /** Parses a request body; an empty or malformed one is Toxiproxy's "bad request body". */
  static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      throw ApiException.badRequestBody("EOF");
    }
    try {
      return MAPPER.readTree(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw ApiException.badRequestBody(e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw ApiException.badRequestBody(e.getMessage());
    }
  }

  static String text(JsonNode object, String field, String current) {
    JsonNode value = field(object, field);
    if (value == null || value.isNull()) {
      return current;
    }
    if (!value.isTextual()) {
      throw ApiException.badRequestBody(
          "json: cannot unmarshal " + faremark.shaper.toxic.GoJson.kind(value)
              + " into Go struct field ." + field + " of type string");
    }
    return value.asText();
  }

  static Boolean bool(JsonNode object, String field, Boolean current) {
    JsonNode value = field(object, field);
    if (value == null || value.isNull()) {
      return current;
    }
    if (!value.isBoolean()) {
      throw ApiException.badRequestBody(
          "json: cannot unmarshal " + faremark.shaper.toxic.GoJson.kind(value)
              + " into Go struct field ." + field + " of type bool");
    }
    return value.asBoolean();
  }

  static Float number(JsonNode object, String field, Float current) {
    JsonNode value = field(object, field);
    if (value == null || value.isNull()) {
      return current;
    }
    if (!value.isNumber()) {
      throw ApiException.badRequestBody(
          "json: cannot unmarshal " + faremark.shaper.toxic.GoJson.kind(value)
              + " into Go struct field ." + field + " of type float32");
    }
    return value.floatValue();
  }

  /** Go matches JSON keys to struct fields case-insensitively when there is no exact match. */
  static JsonNode field(JsonNode object, String field) {
    JsonNode exact = object.get(field);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, JsonNode> entry : object.properties()) {
      if (entry.getKey().equalsIgnoreCase(field)) {
        return entry.getValue();
      }
    }
    return null;
  }

  static JsonNode requireObject(JsonNode node, String goType) {
    if (!node.isObject()) {
      throw ApiException.badRequestBody(
          "json: cannot unmarshal " + faremark.shaper.toxic.GoJson.kind(node)
              + " into Go value of type " + goType);
    }
    return node;
  }
}
