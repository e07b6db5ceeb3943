package faremark.shaper.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import faremark.shaper.proxy.ApiException;
import faremark.shaper.proxy.ProxyRegistry;
import faremark.shaper.proxy.ProxyRegistry.ProxyInput;
import faremark.shaper.proxy.ProxyServer;
import faremark.shaper.proxy.ToxicSetApi;
import faremark.shaper.toxic.Attributes;
import faremark.shaper.toxic.Attributes.BadAttributeException;
import faremark.shaper.toxic.Direction;
import faremark.shaper.toxic.Toxic;
import faremark.shaper.toxic.ToxicCatalog;
import faremark.shaper.toxic.ToxicSpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Toxiproxy 2.12's HTTP API over a {@link ProxyRegistry}: the same routes, JSON, status codes and
 * error messages (api.go). Plain Java, no Netty, so it can be tested on its own.
 */
final class ApiRoutes {
  /** Toxiproxy's version this API matches, with build metadata saying who answers. */
  static final String VERSION = "2.12.0+faremark-shaper";

  private final ProxyRegistry registry;

  ApiRoutes(ProxyRegistry registry) {
    this.registry = registry;
  }

  ApiResponse handle(String method, String rawPath, String userAgent, byte[] body) {
    if (userAgent != null && userAgent.startsWith("Mozilla/")) {
      // Toxiproxy refuses browsers so that a web page cannot drive it (CSRF).
      return ApiResponse.text(403, ApiResponse.PLAIN_TEXT, "User agent not allowed\n");
    }
    String[] parts = split(rawPath);
    try {
      return route(method, parts, body);
    } catch (ApiException e) {
      return ApiResponse.error(e.status(), ApiJson.error(e));
    } catch (BadAttributeException e) {
      ApiException bad = ApiException.badRequestBody(e.getMessage());
      return ApiResponse.error(bad.status(), ApiJson.error(bad));
    }
  }

  private ApiResponse route(String method, String[] p, byte[] body) {
    if (p.length == 1 && p[0].equals("reset")) {
      return only(method, "POST") ? reset() : notAllowed();
    }
    if (p.length == 1 && p[0].equals("version")) {
      return only(method, "GET") ? version() : notAllowed();
    }
    if (p.length == 1 && p[0].equals("populate")) {
      return only(method, "POST") ? populate(body) : notAllowed();
    }
    if (p.length >= 1 && p[0].equals("proxies")) {
      switch (p.length) {
        case 1:
          return switch (method) {
            case "GET" -> proxyIndex();
            case "POST" -> proxyCreate(body);
            default -> notAllowed();
          };
        case 2:
          return switch (method) {
            case "GET" -> ApiResponse.json(200, ApiJson.proxy(registry.get(p[1]).view()));
            case "POST", "PATCH" -> proxyUpdate(p[1], body);
            case "DELETE" -> proxyDelete(p[1]);
            default -> notAllowed();
          };
        case 3:
          if (p[2].equals("toxics")) {
            return switch (method) {
              case "GET" -> toxicIndex(p[1]);
              case "POST" -> toxicCreate(p[1], body);
              default -> notAllowed();
            };
          }
          break;
        case 4:
          if (p[2].equals("toxics")) {
            return switch (method) {
              case "GET" -> ApiResponse.json(200, ApiJson.toxic(toxics(p[1]).get(p[3])));
              case "POST", "PATCH" -> toxicUpdate(p[1], p[3], body);
              case "DELETE" -> toxicDelete(p[1], p[3]);
              default -> notAllowed();
            };
          }
          break;
        default:
          break;
      }
    }
    // gorilla/mux's answer when no route matches.
    return ApiResponse.text(404, ApiResponse.PLAIN_TEXT, "404 page not found\n");
  }

  private ApiResponse reset() {
    registry.reset();
    return ApiResponse.noContent();
  }

  private ApiResponse version() {
    return ApiResponse.text(
        200, "application/json;charset=utf-8", "{\"version\": \"" + VERSION + "\"}\n");
  }

  private ApiResponse proxyIndex() {
    ObjectNode all = ApiJson.MAPPER.createObjectNode();
    for (ProxyServer proxy : registry.all()) {
      all.set(proxy.name(), ApiJson.proxy(proxy.view()));
    }
    return ApiResponse.json(200, all);
  }

  private ApiResponse proxyCreate(byte[] body) {
    JsonNode json = ApiJson.requireObject(ApiJson.parse(body), "toxiproxy.Proxy");
    ProxyServer proxy = registry.create(proxyInput(json));
    return ApiResponse.json(201, ApiJson.proxy(proxy.view()));
  }

  private static ProxyInput proxyInput(JsonNode json) {
    return new ProxyInput(
        ApiJson.text(json, "name", ""),
        ApiJson.text(json, "listen", ""),
        ApiJson.text(json, "upstream", ""),
        ApiJson.bool(json, "enabled", true));
  }

  /**
   * Populate answers 201 with {@code {"proxies": [...]}}, or the error's status with the error
   * fields alongside the proxies (none, since the request is validated before anything changes).
   */
  private ApiResponse populate(byte[] body) {
    ObjectNode answer = ApiJson.MAPPER.createObjectNode();
    try {
      JsonNode json = ApiJson.parse(body);
      if (!json.isArray()) {
        throw ApiException.badRequestBody(
            "json: cannot unmarshal " + faremark.shaper.toxic.GoJson.kind(json)
                + " into Go value of type []struct { toxiproxy.Proxy; Enabled *bool \"json:\\\"enabled\\\"\" }");
      }
      List<ProxyInput> inputs = new ArrayList<>();
      for (JsonNode element : json) {
        inputs.add(proxyInput(ApiJson.requireObject(element, "toxiproxy.Proxy")));
      }
      ArrayNode proxies = answer.putArray("proxies");
      for (ProxyServer proxy : registry.populate(inputs)) {
        proxies.add(ApiJson.proxy(proxy.view()));
      }
      return ApiResponse.json(201, answer);
    } catch (ApiException e) {
      answer.removeAll();
      answer.put("error", e.getMessage());
      answer.put("status", e.status());
      answer.putNull("proxies");
      return ApiResponse.json(e.status(), answer);
    }
  }

  private ApiResponse proxyUpdate(String name, byte[] body) {
    ProxyServer proxy = registry.get(name);
    JsonNode json = ApiJson.requireObject(ApiJson.parse(body), "toxiproxy.Proxy");
    proxy.update(
        ApiJson.text(json, "listen", proxy.listen()),
        ApiJson.text(json, "upstream", proxy.upstream()),
        ApiJson.bool(json, "enabled", proxy.enabled()));
    return ApiResponse.json(200, ApiJson.proxy(proxy.view()));
  }

  private ApiResponse proxyDelete(String name) {
    registry.delete(name);
    return ApiResponse.noContent();
  }

  private ToxicSetApi toxics(String proxy) {
    return registry.get(proxy).toxicApi();
  }

  private ApiResponse toxicIndex(String proxy) {
    ArrayNode list = ApiJson.MAPPER.createArrayNode();
    toxics(proxy).list().forEach(t -> list.add(ApiJson.toxic(t)));
    return ApiResponse.json(200, list);
  }

  /** Toxiproxy's AddToxicJson: defaults stream downstream, toxicity 1, name {@code <type>_<stream>}. */
  private ApiResponse toxicCreate(String proxy, byte[] body) {
    ToxicSetApi toxics = toxics(proxy);
    JsonNode json = ApiJson.requireObject(ApiJson.parse(body), "toxics.ToxicWrapper");
    String type = ApiJson.text(json, "type", "");
    String streamText = ApiJson.text(json, "stream", "downstream");
    float toxicity = ApiJson.number(json, "toxicity", 1.0f);
    String givenName = ApiJson.text(json, "name", "");
    Direction stream = Direction.parse(streamText).orElseThrow(ApiException::invalidStream);
    String name = givenName.isEmpty() ? ToxicSpec.defaultName(type, stream) : givenName;
    Toxic toxic =
        ToxicCatalog.create(type, Attributes.empty(type))
            .orElseThrow(ApiException::invalidToxicType);
    if (toxics.list().stream().anyMatch(t -> t.name().equals(name))) {
      throw ApiException.toxicExists();
    }
    toxic = ToxicCatalog.update(toxic, Attributes.of(type, ApiJson.field(json, "attributes")));
    ToxicSpec added = toxics.add(new ToxicSpec(name, stream, toxicity, toxic));
    // Toxiproxy answers a new toxic with 200, not 201.
    return ApiResponse.json(200, ApiJson.toxic(added));
  }

  private ApiResponse toxicUpdate(String proxy, String name, byte[] body) {
    ToxicSetApi toxics = toxics(proxy);
    ToxicSpec current = toxics.get(name);
    JsonNode json = ApiJson.requireObject(ApiJson.parse(body), "struct");
    Optional<Float> toxicity = Optional.ofNullable(ApiJson.number(json, "toxicity", null));
    Attributes attributes =
        Attributes.of(current.toxic().type(), ApiJson.field(json, "attributes"));
    return ApiResponse.json(200, ApiJson.toxic(toxics.update(name, toxicity, attributes)));
  }

  private ApiResponse toxicDelete(String proxy, String name) {
    toxics(proxy).remove(name);
    return ApiResponse.noContent();
  }

  private static boolean only(String method, String allowed) {
    return method.equals(allowed);
  }

  private static ApiResponse notAllowed() {
    return new ApiResponse(405, null, new byte[0]);
  }

  /** Path segments, percent-decoded; the query string is ignored. */
  private static String[] split(String rawPath) {
    String path = rawPath;
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    if (!path.startsWith("/") || path.length() == 1 || path.endsWith("/") || path.contains("//")) {
      return new String[] {"\u0000"};
    }
    String[] parts = path.substring(1).split("/");
    for (int i = 0; i < parts.length; i++) {
      parts[i] = URLDecoder.decode(parts[i].replace("+", "%2B"), StandardCharsets.UTF_8);
    }
    return parts;
  }
}
