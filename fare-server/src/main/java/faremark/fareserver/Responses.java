package faremark.fareserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import faremark.contract.Json;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.time.Duration;
import java.util.Map;

/** Builds the server's responses; every body is JSON, errors are {@code {"error": "..."}}. */
final class Responses {
  private static final AsciiString JSON = AsciiString.cached("application/json");

  private Responses() {}

  /**
   * A 200 whose body is {@code json} itself, not a copy: cached pages are shared read-only by
   * every response that serves them.
   */
  static FullHttpResponse json(byte[] json) {
    return json(HttpResponseStatus.OK, json);
  }

  static FullHttpResponse json(HttpResponseStatus status, Object body) {
    try {
      return json(status, Json.mapper().writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + body.getClass().getSimpleName(), e);
    }
  }

  static FullHttpResponse error(HttpResponseStatus status, String message) {
    return json(status, Map.of("error", message));
  }

  /** 503 with Retry-After in whole seconds, rounded up (the header has no finer unit). */
  static FullHttpResponse unavailable(String message, Duration retryAfter) {
    FullHttpResponse response = error(HttpResponseStatus.SERVICE_UNAVAILABLE, message);
    long seconds = (retryAfter.toMillis() + 999) / 1000;
    response.headers().set(HttpHeaderNames.RETRY_AFTER, seconds);
    return response;
  }

  static FullHttpResponse methodNotAllowed(String path, String allowed) {
    FullHttpResponse response =
        error(
            HttpResponseStatus.METHOD_NOT_ALLOWED,
            path + " accepts " + allowed + " only");
    response.headers().set(HttpHeaderNames.ALLOW, allowed);
    return response;
  }

  private static FullHttpResponse json(HttpResponseStatus status, byte[] body) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    response.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, JSON)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    return response;
  }

  /** Marks the response as the last on its connection, or keeps an HTTP/1.0 one open. */
  static void connection(FullHttpResponse response, boolean keepAlive, boolean http10) {
    if (!keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else if (http10) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
  }
}
