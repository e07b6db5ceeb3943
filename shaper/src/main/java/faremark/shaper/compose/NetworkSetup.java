package faremark.shaper.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import faremark.contract.DurationText;
import faremark.shaper.toxic.PlannedToxic;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A one-shot network setup for docker-compose runs (the images have no curl): {@code java -cp
 * shaper.jar faremark.shaper.compose.NetworkSetup --api http://toxiproxy:8474 --listen 0.0.0.0:8666
 * --upstream fare-server:8080 [--rtt 80ms --jitter 10ms --bandwidth 12500KB/s]}. Waits (bounded)
 * for the API and any {@code --wait-for} URL, replaces the proxy, adds its toxics, reads them back
 * and checks they are what was asked, prints them as JSON on stdout (the shape of an
 * orchestrator run's {@code network.json}) and exits. Works against the shaper and a real
 * Toxiproxy 2.12 alike: it uses only Toxiproxy's documented endpoints.
 *
 * <p>Exit codes: 0 the network is in place; 1 the API failed, refused something or did not answer
 * in time (a half-made proxy is removed); 2 bad flags (nothing was sent).
 */
public final class NetworkSetup {
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILED = 1;
  public static final int EXIT_BAD_FLAGS = 2;
  private static final String PREFIX = "network-setup: ";

  private NetworkSetup() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    SetupOptions options;
    try {
      switch (SetupOptions.parse(args)) {
        case SetupOptions.Help h -> {
          out.print(SetupOptions.USAGE);
          return EXIT_OK;
        }
        case SetupOptions.Run r -> options = r.options();
      }
    } catch (SetupOptions.BadFlagException e) {
      err.println(PREFIX + e.getMessage());
      err.println(PREFIX + "see --help");
      return EXIT_BAD_FLAGS;
    }
    try {
      ObjectNode report = apply(options, err);
      out.println(ToxiproxyHttp.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
      out.flush();
      return EXIT_OK;
    } catch (IOException e) {
      err.println(PREFIX + e.getMessage());
      return EXIT_FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println(PREFIX + "interrupted");
      return EXIT_FAILED;
    }
  }

  /** Does the setup; returns the report printed on stdout. */
  static ObjectNode apply(SetupOptions options, PrintStream log)
      throws IOException, InterruptedException {
    List<PlannedToxic> planned = options.toxics();
    Instant deadline = Instant.now().plus(options.timeout());
    try (ToxiproxyHttp api = new ToxiproxyHttp(options.api())) {
      log.println(PREFIX + "waiting up to " + DurationText.format(options.timeout())
          + " for the Toxiproxy API at " + options.api());
      String version = api.awaitVersion(deadline);
      log.println(PREFIX + "Toxiproxy " + version + " answers");
      for (var url : options.waitFor()) {
        log.println(PREFIX + "waiting for " + url);
        ToxiproxyHttp.awaitOk(api.client(), url, deadline);
      }
      if (api.deleteProxyIfPresent(options.name())) {
        log.println(PREFIX + "replaced the existing proxy " + options.name());
      }
      api.createProxy(options.name(), options.listen(), options.upstream());
      JsonNode proxy;
      List<JsonNode> toxics;
      try {
        for (PlannedToxic toxic : planned) {
          api.createToxic(options.name(), toxic);
        }
        proxy = api.proxy(options.name());
        toxics = api.toxics(options.name());
        check(planned, toxics);
      } catch (IOException | RuntimeException e) {
        // A proxy without the toxics asked for would measure a network nobody described.
        removeQuietly(api, options.name(), e);
        throw e;
      }
      log.println(PREFIX + "proxy " + options.name() + " " + proxy.path("listen").asText()
          + " -> " + proxy.path("upstream").asText()
          + (planned.isEmpty() ? ", no toxics" : ""));
      planned.forEach(t -> log.println(PREFIX + "  " + describe(t)));
      return report(options, version, proxy, toxics);
    }
  }

  /**
   * Checks that the proxy holds exactly the planned toxics, by name, as the API reports them;
   * a proxy that dropped or changed one would make the run describe a network that was not there.
   */
  static void check(List<PlannedToxic> planned, List<JsonNode> actual) throws IOException {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    actual.forEach(t -> byName.put(t.path("name").asText(), t));
    for (PlannedToxic t : planned) {
      JsonNode got = byName.remove(t.name());
      if (got == null || !t.type().id().equals(got.path("type").asText())
          || !t.stream().id().equals(got.path("stream").asText())
          || Math.abs(got.path("toxicity").asDouble(-1) - t.toxicity()) > 1e-6
          || !sameAttributes(t.attributes(), got.path("attributes"))) {
        throw new IOException("the proxy did not take toxic " + describe(t) + "; it reports "
            + (got == null ? "no such toxic" : got));
      }
    }
    if (!byName.isEmpty()) {
      throw new IOException("the proxy has toxics nobody asked for: " + byName.keySet());
    }
  }

  /**
   * For people, with the numbers as the API takes them (the JSON this tool prints has them so):
   * {@code rtt_upstream: latency upstream latency=40 jitter=5}.
   */
  static String describe(PlannedToxic t) {
    StringBuilder sb = new StringBuilder(t.name() + ": " + t.type().id() + " " + t.stream().id());
    t.attributes().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
    if (t.toxicity() < 1.0) {
      sb.append(" toxicity=").append(t.toxicity());
    }
    return sb.toString();
  }

  private static boolean sameAttributes(Map<String, Long> wanted, JsonNode got) {
    if (!got.isObject() || got.size() != wanted.size()) {
      return false;
    }
    for (var e : wanted.entrySet()) {
      JsonNode v = got.get(e.getKey());
      if (v == null || !v.canConvertToLong() || v.asLong() != e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static ObjectNode report(
      SetupOptions options, String version, JsonNode proxy, List<JsonNode> toxics) {
    ObjectNode report = ToxiproxyHttp.MAPPER.createObjectNode();
    ObjectNode api = report.putObject("api");
    api.put("version", version);
    api.put("url", options.api().toString());
    ObjectNode p = report.putObject("proxy");
    p.put("name", options.name());
    p.put("listen", proxy.path("listen").asText());
    p.put("upstream", proxy.path("upstream").asText());
    p.put("enabled", proxy.path("enabled").asBoolean());
    ObjectNode from = report.putObject("expandedFrom");
    options.rtt().ifPresent(r -> from.put("rtt", DurationText.format(r)));
    if (options.rtt().isPresent()) {
      from.put("jitter", DurationText.format(options.jitter()));
    }
    options.bandwidthKbPerSecond().ifPresent(b -> from.put("bandwidth", b + "KB/s"));
    ArrayNode list = report.putArray("toxics");
    toxics.forEach(list::add);
    return report;
  }

  private static void removeQuietly(ToxiproxyHttp api, String name, Exception cause) {
    try {
      api.deleteProxyIfPresent(name);
    } catch (IOException e) {
      cause.addSuppressed(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cause.addSuppressed(e);
    }
  }
}
