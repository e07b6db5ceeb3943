package faremark.shaper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import faremark.shaper.proxy.ProxyRegistry.ProxyInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code -config} file: a JSON array of {@code {name, listen, upstream, enabled?}}, Toxiproxy's
 * populate format. Unlike Toxiproxy, which logs a bad file and starts without it, the shaper
 * refuses to start, naming the file and what is wrong.
 */
final class ShaperConfig {
  private ShaperConfig() {}

  static List<ProxyInput> read(Path file) throws IOException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readAllBytes(file));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IOException(
          file + ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr()
              + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isArray()) {
      throw new IOException(file + ": expected a JSON array of proxies, got " + describe(root));
    }
    List<ProxyInput> proxies = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode proxy = root.get(i);
      String where = file + ": proxy " + (i + 1);
      if (!proxy.isObject()) {
        throw new IOException(where + ": expected an object, got " + describe(proxy));
      }
      proxies.add(
          new ProxyInput(
              text(proxy, "name", where), text(proxy, "listen", where),
              text(proxy, "upstream", where), enabled(proxy, where)));
    }
    return proxies;
  }

  private static String text(JsonNode proxy, String field, String where) throws IOException {
    JsonNode value = proxy.get(field);
    if (value == null || value.isNull()) {
      return "";
    }
    if (!value.isTextual()) {
      throw new IOException(where + ": field " + field + ": expected a string, got " + describe(value));
    }
    return value.asText();
  }

  private static boolean enabled(JsonNode proxy, String where) throws IOException {
    JsonNode value = proxy.get("enabled");
    if (value == null || value.isNull()) {
      return true;
    }
    if (!value.isBoolean()) {
      throw new IOException(where + ": field enabled: expected true or false, got " + describe(value));
    }
    return value.asBoolean();
  }

  private static String describe(JsonNode node) {
    return node == null ? "nothing" : node.getNodeType().name().toLowerCase() + " " + node;
  }
}
