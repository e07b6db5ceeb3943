package faremark.shaper.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/** An HTTP answer of the API: status, content type and body. */
record ApiResponse(int status, String contentType, byte[] body) {
  static final String JSON = "application/json";
  static final String PLAIN_TEXT = "text/plain; charset=utf-8";

  static ApiResponse json(int status, JsonNode node) {
    try {
      return new ApiResponse(status, JSON, ApiJson.MAPPER.writeValueAsBytes(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a JSON tree", e);
    }
  }

  /**
   * Toxiproxy writes errors with Go's {@code http.Error}, which ends the JSON with a newline and
   * (overriding the JSON type Toxiproxy set first) labels it as plain text.
   */
  static ApiResponse error(int status, JsonNode node) {
    ApiResponse json = json(status, node);
    byte[] body = new byte[json.body.length + 1];
    System.arraycopy(json.body, 0, body, 0, json.body.length);
    body[body.length - 1] = '\n';
    return new ApiResponse(status, PLAIN_TEXT, body);
  }

  static ApiResponse text(int status, String contentType, String text) {
    return new ApiResponse(status, contentType, text.getBytes(StandardCharsets.UTF_8));
  }

  static ApiResponse noContent() {
    return new ApiResponse(204, null, new byte[0]);
  }
}
