package faremark.shaper.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import faremark.shaper.toxic.PlannedToxic;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The few documented Toxiproxy 2.12 endpoints the setup needs, over the JDK's HTTP client (the
 * images have no curl; toxiproxy-java is in the jar, for the toxic declarations, but it sets no
 * timeouts, and a setup that hangs would hold the whole compose start, so every call here has
 * one):
 * {@code GET /version}, {@code DELETE /proxies/{name}}, {@code POST /proxies}, {@code POST
 * /proxies/{name}/toxics}, {@code GET /proxies/{name}} and {@code GET /proxies/{name}/toxics}.
 */
final class ToxiproxyHttp implements AutoCloseable {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  private final URI api;
  private final HttpClient client;

  ToxiproxyHttp(URI api) {
    this.api = api;
    this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  }

  /** A call the API answered with a status it should not have, or not at all. */
  static final class ApiCallException extends IOException {
    ApiCallException(String message) {
      super(message);
    }

    ApiCallException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Waits until {@code GET /version} answers 200; returns the version it reports. */
  String awaitVersion(Instant deadline) throws IOException, InterruptedException {
    JsonNode body = MAPPER.readTree(awaitOk(client, api.resolve("/version"), deadline));
    return body.path("version").asText("unknown");
  }

  /**
   * Waits until {@code url} answers 200 and returns its body. The other side is another process
   * (another container, even) that says nowhere when it is up, so there is no event to await:
   * asking again with a growing pause (50 ms doubling to 500 ms) until the deadline is the only
   * way to learn it.
   *
   * @throws ApiCallException with the last answer or error once the deadline has passed
   */
  static String awaitOk(HttpClient client, URI url, Instant deadline)
      throws IOException, InterruptedException {
    long pauseMs = 50;
    String last;
    while (true) {
      try {
        HttpResponse<String> response = client.send(
            HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return response.body();
        }
        last = "answered " + response.statusCode() + ": " + abbreviate(response.body());
      } catch (IOException e) {
        last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      }
      long leftMs = Duration.between(Instant.now(), deadline).toMillis();
      if (leftMs <= 0) {
        throw new ApiCallException("GET " + url + " did not answer 200 in time; last: " + last);
      }
      Thread.sleep(Math.min(pauseMs, leftMs));
      pauseMs = Math.min(pauseMs * 2, 500);
    }
  }

  /** Removes the proxy if there is one (Toxiproxy answers 404 when there is not). */
  boolean deleteProxyIfPresent(String name) throws IOException, InterruptedException {
    HttpResponse<String> r = send("DELETE", proxyPath(name), null);
    return switch (r.statusCode()) {
      case 204, 200 -> true;
      case 404 -> false;
      default -> throw unexpected("DELETE", proxyPath(name), r);
    };
  }

  JsonNode createProxy(String name, String listen, String upstream)
      throws IOException, InterruptedException {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("name", name);
    body.put("listen", listen);
    body.put("upstream", upstream);
    body.put("enabled", true);
    return expect("POST", "/proxies", body, 201);
  }

  JsonNode createToxic(String proxy, PlannedToxic toxic) throws IOException, InterruptedException {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("name", toxic.name());
    body.put("type", toxic.type().id());
    body.put("stream", toxic.stream().id());
    body.put("toxicity", toxic.toxicity());
    ObjectNode attributes = body.putObject("attributes");
    toxic.attributes().forEach(attributes::put);
    return expect("POST", proxyPath(proxy) + "/toxics", body, 200);
  }

  JsonNode proxy(String name) throws IOException, InterruptedException {
    return expect("GET", proxyPath(name), null, 200);
  }

  List<JsonNode> toxics(String proxy) throws IOException, InterruptedException {
    JsonNode list = expect("GET", proxyPath(proxy) + "/toxics", null, 200);
    if (!list.isArray()) {
      throw new ApiCallException("GET " + proxyPath(proxy) + "/toxics: expected a JSON array, got " + list);
    }
    List<JsonNode> out = new ArrayList<>();
    list.forEach(out::add);
    return out;
  }

  private static String proxyPath(String name) {
    return "/proxies/" + URLEncoder.encode(name, StandardCharsets.UTF_8);
  }

  private JsonNode expect(String method, String path, JsonNode body, int status)
      throws IOException, InterruptedException {
    HttpResponse<String> r = send(method, path, body);
    if (r.statusCode() != status) {
      throw unexpected(method, path, r);
    }
    return MAPPER.readTree(r.body());
  }

  private HttpResponse<String> send(String method, String path, JsonNode body)
      throws IOException, InterruptedException {
    URI uri = api.resolve(path);
    HttpRequest.BodyPublisher publisher = body == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).method(method, publisher);
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ApiCallException(method + " " + uri + " failed: " + e, e);
    }
  }

  private ApiCallException unexpected(String method, String path, HttpResponse<String> r) {
    return new ApiCallException(method + " " + api.resolve(path) + " answered " + r.statusCode()
        + ": " + abbreviate(r.body()));
  }

  private static String abbreviate(String text) {
    String t = text == null ? "" : text.strip();
    return t.length() <= 300 ? t : t.substring(0, 300) + "...";
  }

  HttpClient client() {
    return client;
  }

  @Override
  public void close() {
    client.close();
  }
}
