package faremark.orchestrator.scenario;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import faremark.contract.DataSize;
import faremark.contract.DurationText;
import faremark.fareserver.Limits;
import faremark.fareserver.ServiceTime;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenario file as written: one record per section, field names are the YAML's. Values
 * with units stay text and fields that take several shapes stay {@link JsonNode}, so Jackson
 * only checks the structure (unknown fields, lists vs mappings, numbers) and {@link
 * ScenarioBinder} checks values with our own messages. Also the resolved form written back.
 */
record ScenarioDocument(
    String name,
    String description,
    JobSection job,
    ServerSection server,
    ClientSection client,
    NetworkSection network,
    List<String> models,
    Integer repetitions,
    @JsonInclude(JsonInclude.Include.NON_NULL) SweepSection sweep,
    RunSection run,
    Map<String, ExternalSection> external,
    PythonSection python) {

  /**
   * values: a list of numbers, or a geometric grid from, to, points; barrier: true/false;
   * days: written back only (the job's days at each point), checked when read.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record SweepSection(
      String parameter,
      List<JsonNode> values,
      JsonNode from,
      JsonNode to,
      Integer points,
      String order,
      Long seed,
      Boolean barrier,
      String barrierTimeout,
      List<String> javaHeap,
      List<Integer> days) {}

  record JobSection(RouteSection route, String startDate, Integer days) {}

  record RouteSection(String from, String to) {}

  /**
   * serviceTime: a duration or a distribution mapping; caps: a number or {@code unlimited};
   * keepAliveTimeout: a duration or {@code none}.
   */
  record ServerSection(
      Long seed,
      String payload,
      JsonNode serviceTime,
      JsonNode maxConnections,
      JsonNode maxInFlight,
      String overflow,
      String retryAfter,
      String keepAliveTimeout) {}

  /** processes: a number or {@code auto}. */
  record ClientSection(
      Integer concurrency,
      String connections,
      Integer poolSize,
      String connectTimeout,
      String requestTimeout,
      JsonNode processes,
      Integer retries) {}

  /**
   * Shorthands (rtt, jitter: durations; bandwidth: a rate such as 1MB/s), toxics in Toxiproxy's
   * vocabulary, the shorthands a resolved scenario already expanded, the proxy to drive.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record NetworkSection(
      String rtt,
      String jitter,
      String bandwidth,
      List<ToxicSection> toxics,
      ShorthandSection expandedFrom,
      ProxySection proxy) {}

  /** toxicity: a number 0..1; attributes: numbers in Toxiproxy's units, or text with units. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ToxicSection(
      String name, String type, String stream, JsonNode toxicity, Map<String, JsonNode> attributes) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ShorthandSection(String rtt, String jitter, String bandwidth) {}

  record ProxySection(String url) {}

  /**
   * preflight is written back only when off, warmup and firstUse only when set: a resolved
   * scenario that keeps the defaults reads the same as before the fields existed (and in faremark
   * versions that do not know them).
   */
  record RunSection(
      String sampleInterval,
      String memoryLimit,
      String timeout,
      List<String> jvmArgs,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean preflight,
      @JsonInclude(JsonInclude.Include.NON_NULL) Integer warmup,
      @JsonInclude(JsonInclude.Include.NON_NULL) FirstUseSection firstUse) {

    RunSection(String sampleInterval, String memoryLimit, String timeout, List<String> jvmArgs) {
      this(sampleInterval, memoryLimit, timeout, jvmArgs, null, null, null);
    }
  }

  /** runs: reference runs per model with one warm-up pass (0: none). */
  record FirstUseSection(Integer runs) {}

  record ExternalSection(List<String> command, String description) {}

  /** aiohttpLimitPerHost: a number or {@code unlimited}; geventPoolSize: a number or {@code auto}. */
  record PythonSection(
      JsonNode aiohttpLimitPerHost, Boolean requestsPoolBlock, JsonNode geventPoolSize,
      String startMethod) {}

  static final YAMLFactory YAML_FACTORY =
      YAMLFactory.builder()
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .disable(YAMLGenerator.Feature.SPLIT_LINES)
          .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
          .build();

  /** Strict reading: unknown fields fail, 1.5 is not a whole number. */
  static final YAMLMapper YAML =
      YAMLMapper.builder(YAML_FACTORY)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  static String toYaml(Scenario s) {
    try {
      return "# Resolved scenario: every default filled in. Loads back to the same scenario.\n"
          + YAML.writeValueAsString(from(s));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String toJson(Scenario s) {
    try {
      return JSON.writeValueAsString(from(s)) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The resolved form: what {@link ScenarioBinder} would read back as {@code s}. */
  static ScenarioDocument from(Scenario s) {
    Job job = s.job();
    Limits limits = s.server().limits();
    ClientSettings c = s.client();
    RunSettings run = s.run();
    Map<String, ExternalSection> external = new LinkedHashMap<>();
    s.external().forEach((id, m) -> external.put(id, new ExternalSection(m.command(), m.description())));
    return new ScenarioDocument(
        s.name(),
        s.description(),
        new JobSection(
            new RouteSection(job.route().from(), job.route().to()),
            job.startDate().toString(),
            job.days()),
        new ServerSection(
            s.server().seed(),
            s.server().payload().toString(),
            serviceTime(s.server().serviceTime()),
            countOr(limits.maxConnections(), ScenarioDefaults.UNLIMITED),
            countOr(limits.maxInFlight(), ScenarioDefaults.UNLIMITED),
            limits.overflow().id(),
            text(limits.retryAfter()),
            limits.closesIdleConnections()
                ? text(limits.keepAliveTimeout())
                : ScenarioDefaults.NO_KEEP_ALIVE_TIMEOUT),
        new ClientSection(
            c.concurrency(),
            c.connections().id(),
            c.poolSize(),
            text(c.connectTimeout()),
            text(c.requestTimeout()),
            countOr(c.processes(), ScenarioDefaults.AUTO),
            c.retries()),
        network(s.network()),
        s.models(),
        s.repetitions(),
        s.sweep().map(sw -> sweep(s, sw)).orElse(null),
        new RunSection(
            text(run.sampleInterval()),
            run.memoryLimit().map(DataSize::toString).orElse(ScenarioDefaults.NO_MEMORY_LIMIT),
            text(run.timeout()),
            run.jvmArgs(),
            run.preflight() ? null : Boolean.FALSE,
            run.warmup() == 0 ? null : run.warmup(),
            run.firstUseRuns() == 0 ? null : new FirstUseSection(run.firstUseRuns())),
        external,
        new PythonSection(
            countOr(s.python().aiohttpLimitPerHost(), ScenarioDefaults.UNLIMITED),
            s.python().requestsPoolBlock(),
            countOr(s.python().geventPoolSize(), ScenarioDefaults.AUTO),
            s.python().startMethod()));
  }

  /** Every point written out (a grid expanded), with the days each point's job became. */
  private static SweepSection sweep(Scenario s, Sweep sw) {
    List<JsonNode> values = sw.values().stream().map(v -> (JsonNode) IntNode.valueOf(v)).toList();
    List<Integer> days = new java.util.ArrayList<>();
    for (int i = 0; i < sw.points(); i++) {
      days.add(s.atPoint(i, Sweep.DEFAULT_HEAP).job().days());
    }
    return new SweepSection(sw.parameter().path(), values, null, null, null, sw.order().id(),
        sw.seed(), sw.barrier(), text(sw.barrierTimeout()), sw.javaHeap(), days);
  }

  /** Toxics fully expanded, every attribute written; the shorthands only as expandedFrom. */
  private static NetworkSection network(Network n) {
    List<ToxicSection> toxics = n.toxics().stream().map(t -> {
      Map<String, JsonNode> attributes = new LinkedHashMap<>();
      t.attributes().forEach((k, v) -> attributes.put(k, LongNode.valueOf(v)));
      return new ToxicSection(t.name(), t.type().id(), t.stream().id(),
          DoubleNode.valueOf(t.toxicity()), attributes);
    }).toList();
    Map<String, String> shorthand = n.expandedFrom().asText();
    ShorthandSection expandedFrom = shorthand.isEmpty() ? null
        : new ShorthandSection(shorthand.get("rtt"), shorthand.get("jitter"), shorthand.get("bandwidth"));
    ProxySection proxy = n.proxyUrl().map(u -> new ProxySection(u.toString())).orElse(null);
    return new NetworkSection(null, null, null, toxics, expandedFrom, proxy);
  }

  private static JsonNode countOr(int n, String zeroWord) {
    return n == 0 ? TextNode.valueOf(zeroWord) : IntNode.valueOf(n);
  }

  private static String text(Duration d) {
    return DurationText.format(d);
  }

  private static JsonNode serviceTime(ServiceTime t) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    switch (t) {
      case ServiceTime.Fixed f -> {
        return TextNode.valueOf(text(f.value()));
      }
      case ServiceTime.Uniform u ->
          o.put("distribution", "uniform").put("min", text(u.min())).put("max", text(u.max()));
      case ServiceTime.Normal n ->
          o.put("distribution", "normal").put("mean", text(n.mean())).put("stddev", text(n.stddev()));
      case ServiceTime.Exponential e ->
          o.put("distribution", "exponential").put("mean", text(e.mean()));
    }
    return o;
  }
}
