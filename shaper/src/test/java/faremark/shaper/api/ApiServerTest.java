package faremark.shaper.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import faremark.shaper.Shaper;
import faremark.shaper.ShaperOptions;
import faremark.shaper.Upstream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The raw HTTP API: paths, status codes, JSON shapes and error messages of Toxiproxy 2.12. */
class ApiServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Shaper shaper;
  private static Upstream echo;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws IOException {
    shaper = Shaper.start(ShaperOptions.loopbackEphemeral());
    echo = Upstream.echo();
  }

  @AfterAll
  static void stop() throws IOException {
    shaper.close();
    echo.close();
  }

  @AfterEach
  void deleteProxies() throws Exception {
    JsonNode all = JSON.readTree(call("GET", "/proxies", null).body());
    for (var names = all.fieldNames(); names.hasNext(); ) {
      call("DELETE", "/proxies/" + names.next(), null);
    }
  }

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + shaper.apiAddress().getPort() + path))
            .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body))
            .build();
    return http.send(request, BodyHandlers.ofString());
  }

  private String createBody(String name) {
    return "{\"name\":\"" + name + "\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo.address() + "\"}";
  }

  @Test
  void createAnswers201WithTheProxyInToxiproxyShape() throws Exception {
    HttpResponse<String> created = call("POST", "/proxies", createBody("api"));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("content-type")).contains("application/json");
    JsonNode proxy = JSON.readTree(created.body());
    assertThat(proxy.fieldNames()).toIterable()
        .containsExactly("name", "listen", "upstream", "enabled", "toxics");
    assertThat(proxy.get("listen").asText()).matches("127\\.0\\.0\\.1:\\d+").doesNotEndWith(":0");
    assertThat(proxy.get("enabled").asBoolean()).isTrue();
    assertThat(proxy.get("toxics").isArray()).isTrue();

    JsonNode index = JSON.readTree(call("GET", "/proxies", null).body());
    assertThat(index.get("api")).isEqualTo(proxy);
  }

  @Test
  void errorsAreJsonWithErrorAndStatus() throws Exception {
    HttpResponse<String> missing = call("GET", "/proxies/nope", null);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).isEqualTo("{\"error\":\"proxy not found\",\"status\":404}\n");
    assertThat(missing.headers().firstValue("content-type")).contains("text/plain; charset=utf-8");

    call("POST", "/proxies", createBody("dup"));
    HttpResponse<String> conflict = call("POST", "/proxies", createBody("dup"));
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(conflict.body()).contains("\"error\":\"proxy already exists\"");

    HttpResponse<String> noName = call("POST", "/proxies", "{\"upstream\":\"127.0.0.1:1\"}");
    assertThat(noName.statusCode()).isEqualTo(400);
    assertThat(noName.body()).contains("missing required field: name");

    HttpResponse<String> noUpstream = call("POST", "/proxies", "{\"name\":\"x\"}");
    assertThat(noUpstream.body()).contains("missing required field: upstream");

    HttpResponse<String> garbage = call("POST", "/proxies", "{nope");
    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(garbage.body()).contains("bad request body");
  }

  @Test
  void disabledProxyIsCreatedWithoutListening() throws Exception {
    HttpResponse<String> created =
        call("POST", "/proxies",
            "{\"name\":\"off\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo.address()
                + "\",\"enabled\":false}");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(JSON.readTree(created.body()).get("enabled").asBoolean()).isFalse();
    HttpResponse<String> enabled = call("PATCH", "/proxies/off", "{\"enabled\":true}");
    assertThat(enabled.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(enabled.body()).get("listen").asText()).doesNotEndWith(":0");
  }

  @Test
  void toxicDefaultsAndShape() throws Exception {
    call("POST", "/proxies", createBody("tox"));
    HttpResponse<String> added =
        call("POST", "/proxies/tox/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":5}}");
    assertThat(added.statusCode()).isEqualTo(200);
    assertThat(added.body())
        .isEqualTo(
            "{\"attributes\":{\"latency\":5,\"jitter\":0},\"name\":\"latency_downstream\","
                + "\"type\":\"latency\",\"stream\":\"downstream\",\"toxicity\":1}");

    HttpResponse<String> updated =
        call("POST", "/proxies/tox/toxics/latency_downstream", "{\"toxicity\":0.25}");
    assertThat(JSON.readTree(updated.body()).get("toxicity").asDouble()).isEqualTo(0.25);
    assertThat(JSON.readTree(updated.body()).at("/attributes/latency").asLong()).isEqualTo(5);

    assertThat(call("GET", "/proxies/tox/toxics", null).body()).startsWith("[{\"attributes\"");
    assertThat(call("DELETE", "/proxies/tox/toxics/latency_downstream", null).statusCode())
        .isEqualTo(204);
    assertThat(call("DELETE", "/proxies/tox/toxics/latency_downstream", null).body())
        .isEqualTo("{\"error\":\"toxic not found\",\"status\":404}\n");
  }

  @Test
  void toxicErrors() throws Exception {
    call("POST", "/proxies", createBody("bad"));
    HttpResponse<String> type = call("POST", "/proxies/bad/toxics", "{\"type\":\"nope\"}");
    assertThat(type.statusCode()).isEqualTo(400);
    assertThat(type.body()).contains("invalid toxic type");
    HttpResponse<String> stream =
        call("POST", "/proxies/bad/toxics", "{\"type\":\"latency\",\"stream\":\"sideways\"}");
    assertThat(stream.statusCode()).isEqualTo(400);
    assertThat(stream.body()).contains("stream was invalid, can be either upstream or downstream");
    HttpResponse<String> attribute =
        call("POST", "/proxies/bad/toxics",
            "{\"type\":\"latency\",\"attributes\":{\"latency\":\"slow\"}}");
    assertThat(attribute.statusCode()).isEqualTo(400);
    assertThat(attribute.body()).contains("bad request body");
    assertThat(call("POST", "/proxies/none/toxics", "{\"type\":\"latency\"}").statusCode())
        .isEqualTo(404);
  }

  @Test
  void populateAddsKeepsAndReplaces() throws Exception {
    String body =
        "[{\"name\":\"p1\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo.address() + "\"},"
            + "{\"name\":\"p2\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo.address()
            + "\",\"enabled\":false}]";
    HttpResponse<String> populated = call("POST", "/populate", body);
    assertThat(populated.statusCode()).isEqualTo(201);
    JsonNode proxies = JSON.readTree(populated.body()).get("proxies");
    assertThat(proxies).hasSize(2);
    assertThat(proxies.get(1).get("enabled").asBoolean()).isFalse();

    HttpResponse<String> invalid = call("POST", "/populate", "[{\"name\":\"p3\"}]");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.body()).contains("missing required field: upstream at proxy 1");
    assertThat(call("GET", "/proxies/p3", null).statusCode()).isEqualTo(404);
  }

  @Test
  void resetVersionAndRouting() throws Exception {
    assertThat(call("POST", "/reset", null).statusCode()).isEqualTo(204);
    HttpResponse<String> version = call("GET", "/version", null);
    assertThat(version.statusCode()).isEqualTo(200);
    assertThat(version.body()).startsWith("{\"version\": \"2.12.0");
    assertThat(call("GET", "/nothing", null).statusCode()).isEqualTo(404);
    assertThat(call("PUT", "/proxies", null).statusCode()).isEqualTo(405);
    assertThat(call("GET", "/reset", null).statusCode()).isEqualTo(405);
  }

  @Test
  void browsersAreRefused() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + shaper.apiAddress().getPort() + "/proxies"))
            .header("User-Agent", "Mozilla/5.0")
            .build();
    HttpResponse<String> refused = http.send(request, BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).isEqualTo("User agent not allowed\n");
  }

  @Test
  void bindFailureIsAServerError() throws Exception {
    HttpResponse<String> taken =
        call("POST", "/proxies",
            "{\"name\":\"taken\",\"listen\":\"127.0.0.1:" + echo.port() + "\",\"upstream\":\""
                + echo.address() + "\"}");
    assertThat(taken.statusCode()).isEqualTo(500);
    assertThat(taken.body()).contains("listen tcp 127.0.0.1:" + echo.port());
    assertThat(call("GET", "/proxies/taken", null).statusCode()).isEqualTo(404);
  }
}
