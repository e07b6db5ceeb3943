package faremark.workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import faremark.contract.ConnectionReuse;
import faremark.contract.Json;
import faremark.contract.WorkloadSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;

/**
 * Reads the workload spec from the command line ({@code --spec <file.json>} or
 * {@code --spec-json '<json>'}) and checks it field by field before binding, so that a wrong
 * spec fails with a message naming the field and what was expected rather than a Jackson trace.
 * Unknown fields are tolerated (the contract may grow) but reported on stderr.
 */
final class SpecReader {
  static final String USAGE =
      "usage: java -cp <workload-java.jar> " + JavaModels.MAIN_CLASS
          + " --spec <file.json> | --spec-json '<json>'";

  private static final Set<String> KNOWN =
      Set.of("model", "target", "route", "startDate", "days", "concurrency", "connections",
          "poolSize", "connectTimeoutMs", "requestTimeoutMs", "processes", "options", "retries",
          "warmup");

  private SpecReader() {}

  static WorkloadSpec fromArgs(String[] args) throws SpecException {
    if (args.length != 2) {
      throw new SpecException("expected exactly one of --spec <file.json> or --spec-json '<json>'\n" + USAGE);
    }
    return switch (args[0]) {
      case "--spec" -> fromFile(Path.of(args[1]));
      case "--spec-json" -> fromJson(args[1], "--spec-json");
      default -> throw new SpecException("unknown option '" + args[0] + "'\n" + USAGE);
    };
  }

  static WorkloadSpec fromFile(Path file) throws SpecException {
    try {
      return fromJson(Files.readString(file), file.toString());
    } catch (NoSuchFileException e) {
      throw new SpecException("spec file not found: " + file);
    } catch (IOException e) {
      throw new SpecException("cannot read spec file " + file + ": " + e.getMessage(), e);
    }
  }

  static WorkloadSpec fromJson(String json, String source) throws SpecException {
    JsonNode root;
    try {
      root = Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new SpecException(source + ": not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
              + ", column " + e.getLocation().getColumnNr()), e);
    }
    if (!(root instanceof ObjectNode spec)) {
      throw new SpecException(source + ": expected a JSON object, got " + describe(root));
    }
    check(spec, source);
    try {
      return Json.mapper().treeToValue(spec, WorkloadSpec.class);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new SpecException(source + ": " + cause.getMessage(), e);
    } catch (JsonProcessingException e) {
      throw new SpecException(source + ": " + e.getOriginalMessage(), e);
    }
  }

  private static void check(ObjectNode spec, String source) throws SpecException {
    String model = text(spec, "model", source, "a model id, one of " + JavaModels.ids());
    if (JavaModels.find(model).isEmpty()) {
      throw new SpecException(source + ": field 'model': unknown model '" + model
          + "', expected one of " + JavaModels.ids());
    }
    String target = text(spec, "target", source, "an http:// URL such as http://127.0.0.1:8080");
    URI uri;
    try {
      uri = URI.create(target);
    } catch (IllegalArgumentException e) {
      throw new SpecException(source + ": field 'target': not a URL: " + e.getMessage());
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new SpecException(source + ": field 'target': expected an http:// URL with a host, got '" + target + "'");
    }
    JsonNode route = spec.get("route");
    if (route == null || !route.isObject()) {
      throw new SpecException(source + ": field 'route': expected an object {\"from\": ..., \"to\": ...}, got "
          + describe(route));
    }
    text((ObjectNode) route, "from", source + ": route", "a station code");
    text((ObjectNode) route, "to", source + ": route", "a station code");
    String start = text(spec, "startDate", source, "an ISO date such as 2018-06-01");
    try {
      LocalDate.parse(start);
    } catch (DateTimeParseException e) {
      throw new SpecException(source + ": field 'startDate': expected an ISO date such as 2018-06-01, got '" + start + "'");
    }
    positiveInt(spec, "days", source);
    positiveInt(spec, "concurrency", source);
    positiveInt(spec, "poolSize", source);
    positiveInt(spec, "connectTimeoutMs", source);
    positiveInt(spec, "requestTimeoutMs", source);
    String connections = text(spec, "connections", source, "one of " + ConnectionReuse.ids());
    try {
      ConnectionReuse.of(connections);
    } catch (IllegalArgumentException e) {
      throw new SpecException(source + ": field 'connections': " + e.getMessage());
    }
    JsonNode processes = spec.get("processes");
    if (processes != null && !processes.isNull() && (!processes.canConvertToInt() || !processes.isIntegralNumber() || processes.intValue() < 0)) {
      throw new SpecException(source + ": field 'processes': expected a whole number >= 0 (0 = model default), got " + describe(processes));
    }
    JsonNode retries = spec.get("retries");
    if (retries != null && !retries.isNull() && (!retries.isIntegralNumber() || !retries.canConvertToInt() || retries.intValue() < 0)) {
      throw new SpecException(source + ": field 'retries': expected a whole number >= 0 (0 = never retry), got " + describe(retries));
    }
    JsonNode warmup = spec.get("warmup");
    if (warmup != null && !warmup.isNull() && (!warmup.isIntegralNumber() || !warmup.canConvertToInt() || warmup.intValue() < 0)) {
      throw new SpecException(source + ": field 'warmup': expected a whole number >= 0 (0 = no warm-up pass), got " + describe(warmup));
    }
    JsonNode options = spec.get("options");
    if (options != null && !options.isNull() && !options.isObject()) {
      throw new SpecException(source + ": field 'options': expected an object, got " + describe(options));
    }
    for (Iterator<String> names = spec.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!KNOWN.contains(name)) {
        System.err.println("faremark: " + source + ": ignoring unknown spec field '" + name + "'");
      }
    }
  }

  private static String text(ObjectNode node, String field, String source, String expected)
      throws SpecException {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new SpecException(source + ": field '" + field + "': expected " + expected + ", got " + describe(value));
    }
    return value.asText();
  }

  private static void positiveInt(ObjectNode node, String field, String source) throws SpecException {
    JsonNode value = node.get(field);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
      throw new SpecException(source + ": field '" + field + "': expected a whole number >= 1, got " + describe(value));
    }
  }

  private static String describe(JsonNode value) {
    if (value == null) {
      return "nothing (the field is missing)";
    }
    String text = value.toString();
    return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " "
        + (text.length() > 80 ? text.substring(0, 80) + "..." : text);
  }
}
