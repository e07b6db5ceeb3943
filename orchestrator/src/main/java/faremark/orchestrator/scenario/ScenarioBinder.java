package faremark.orchestrator.scenario;

import static faremark.orchestrator.scenario.ScenarioDefaults.*;

import com.fasterxml.jackson.databind.JsonNode;
import faremark.contract.ConnectionReuse;
import faremark.contract.DataSize;
import faremark.contract.DurationText;
import faremark.contract.Route;
import faremark.fareserver.FareServerConfig;
import faremark.fareserver.Limits;
import faremark.fareserver.OverflowPolicy;
import faremark.fareserver.ServiceTime;
import faremark.orchestrator.model.Models;
import faremark.orchestrator.scenario.ScenarioDocument.ClientSection;
import faremark.orchestrator.scenario.ScenarioDocument.ExternalSection;
import faremark.orchestrator.scenario.ScenarioDocument.JobSection;
import faremark.orchestrator.scenario.ScenarioDocument.RouteSection;
import faremark.orchestrator.scenario.ScenarioDocument.RunSection;
import faremark.orchestrator.scenario.ScenarioDocument.ServerSection;
import faremark.orchestrator.scenario.ScenarioException.Problem;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a bound {@link ScenarioDocument} into a {@link Scenario}: fills defaults from {@link
 * ScenarioDefaults}, parses units, checks ranges and references, and collects every problem
 * with its position (from {@link SourceMap}) before failing, so one run shows them all.
 */
final class ScenarioBinder {
  private final List<Problem> problems = new ArrayList<>();
  private final LocatedProblems at;
  private final MachineFacts machine;

  /** @param machine what this machine allows; {@link MachineFacts#UNKNOWN} skips those checks */
  ScenarioBinder(String file, SourceMap map, MachineFacts machine) {
    this.at = new LocatedProblems(file, map, problems);
    this.machine = machine;
  }

  Scenario bind(ScenarioDocument d, String fallbackName, Optional<Path> source)
      throws ScenarioException {
    String name = name(d.name(), fallbackName);
    Job job = job(d.job() == null ? new JobSection(null, null, null) : d.job());
    FareServerConfig server = server(d.server() == null ? emptyServer() : d.server());
    ClientSettings client = client(d.client() == null ? emptyClient() : d.client());
    Network network = new NetworkBinder(at).bind(d.network());
    Map<String, ExternalSection> declared = d.external() == null ? Map.of() : d.external();
    Map<String, ExternalModel> external = new ExternalSectionBinder(at).bind(declared);
    // an external model with errors is still declared: listing it under models is no new error
    List<String> models = models(d.models(), declared.keySet(), external);
    SweepBinder sweepBinder = new SweepBinder(at);
    Optional<Sweep> sweep = sweepBinder.bind(d.sweep());
    // a sweep's default: the fewest runs per point whose median has a 95 % interval
    int repetitions = atLeast("repetitions", d.repetitions(),
        d.sweep() == null ? REPETITIONS : Sweep.REPETITIONS, MIN_REPETITIONS);
    RunSettings run = run(d.run() == null ? new RunSection(null, null, null, null) : d.run());
    if (d.sweep() != null && run.firstUseRuns() > 0) {
      at.atValue("run.firstUse.runs", "first-use reference runs are not made in a sweep (they"
          + " would be needed at every point); remove run.firstUse or the sweep");
    }
    PythonSettings python = new PythonSectionBinder(at).bind(d.python());
    if (job != null && server != null && client != null) {
      // values each valid alone that the server or this machine cannot serve together
      refuse(ScenarioLimits.server(job, server.payload()));
      refuse(ScenarioLimits.machine(job, client, machine));
      refuse(ScenarioLimits.workers(models, client, machine));
    }
    if (!problems.isEmpty() || job == null || server == null || client == null || network == null
        || (d.sweep() != null && sweep.isEmpty())) {
      problems.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
      throw new ScenarioException(problems);
    }
    Scenario scenario = new Scenario(name, d.description() == null ? DESCRIPTION : d.description(),
        job, server, client, network, models, repetitions, run, external, python, sweep, source);
    if (sweep.isPresent()) {
      sweepBinder.checkPoints(scenario, d.sweep(), machine);
      if (!problems.isEmpty()) {
        problems.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
        throw new ScenarioException(problems);
      }
    }
    return scenario;
  }

  private String name(String given, String fallback) {
    if (given == null) {
      if (fallback.matches(ID_PATTERN)) {
        return fallback;
      }
      at.atValue("name", "the file name '" + fallback + "' is not a valid scenario name (expected "
          + "lower-case letters, digits and '-'); add a name: field");
      return fallback;
    }
    if (!given.matches(ID_PATTERN)) {
      at.atValue("name", "expected lower-case letters, digits and '-', e.g. cap-5; got " + at.found("name", given));
    }
    return given;
  }

  private Job job(JobSection s) {
    RouteSection r = s.route() == null ? new RouteSection(null, null) : s.route();
    String from = code("job.route.from", r.from(), ROUTE.from());
    String to = code("job.route.to", r.to(), ROUTE.to());
    LocalDate start = START_DATE;
    if (s.startDate() != null) {
      try {
        start = LocalDate.parse(s.startDate().strip());
      } catch (DateTimeParseException e) {
        at.atValue("job.startDate", "expected a date as YYYY-MM-DD, e.g. 2018-06-01; got "
            + at.found("job.startDate", s.startDate()));
      }
    }
    int days = atLeast("job.days", s.days(), DAYS, MIN_DAYS);
    return from == null || to == null || days < MIN_DAYS ? null : new Job(new Route(from, to), start, days);
  }

  /** Route validates its own codes; we probe each side alone to blame the right field. */
  private String code(String path, String given, String dflt) {
    if (given == null) {
      return dflt;
    }
    try {
      new Route(given, dflt);
      return given;
    } catch (IllegalArgumentException e) {
      at.atValue(path, "expected a station code of 1-32 letters, digits, '-' or '_', e.g. PRG; got "
          + at.found(path, given));
      return null;
    }
  }

  private static ServerSection emptyServer() {
    return new ServerSection(null, null, null, null, null, null, null, null);
  }

  private FareServerConfig server(ServerSection s) {
    DataSize payload = parse("server.payload", s.payload(), PAYLOAD, DataSize::parse, DataSize.EXPECTED);
    if (payload.compareTo(MIN_PAYLOAD) < 0) {
      at.atValue("server.payload", "expected at least " + MIN_PAYLOAD + "; got " + at.found("server.payload", s.payload()));
      payload = PAYLOAD;
    }
    if (!ScenarioLimits.payload(payload).isEmpty()) {
      refuse(ScenarioLimits.payload(payload));
      payload = PAYLOAD; // the server refuses to be configured so; checked, and reported, once
    }
    ServiceTime serviceTime = serviceTime(s.serviceTime());
    int maxConnections = count("server.maxConnections", s.maxConnections(), UNLIMITED, MAX_CONNECTIONS);
    int maxInFlight = count("server.maxInFlight", s.maxInFlight(), UNLIMITED, MAX_IN_FLIGHT);
    OverflowPolicy overflow = OVERFLOW;
    if (s.overflow() != null) {
      try {
        overflow = OverflowPolicy.of(s.overflow().strip());
      } catch (IllegalArgumentException e) {
        at.atValue("server.overflow", "expected one of " + OverflowPolicy.ids() + "; got "
            + at.found("server.overflow", s.overflow()));
      }
    }
    Duration retryAfter = duration("server.retryAfter", s.retryAfter(), RETRY_AFTER, Duration.ZERO);
    if (retryAfter.toNanos() % 1_000_000_000L != 0) {
      at.atValue("server.retryAfter", "expected whole seconds (Retry-After is sent in seconds), e.g. 1s; got "
          + at.found("server.retryAfter", s.retryAfter()));
      retryAfter = RETRY_AFTER;
    }
    Duration keepAliveTimeout = keepAliveTimeout(s.keepAliveTimeout());
    return new FareServerConfig(SERVER_HOST, SERVER_PORT, s.seed() == null ? SEED : s.seed(),
        payload, serviceTime,
        new Limits(maxConnections, maxInFlight, overflow, retryAfter, keepAliveTimeout),
        SERVER_IO_THREADS);
  }

  /** {@code none} (the default) or a duration; 0s is refused: it would read as "close at once". */
  private Duration keepAliveTimeout(String given) {
    String path = "server.keepAliveTimeout";
    if (given == null || given.strip().equals(NO_KEEP_ALIVE_TIMEOUT)) {
      return KEEP_ALIVE_TIMEOUT;
    }
    try {
      Duration d = DurationText.parse(given);
      if (d.compareTo(MIN_KEEP_ALIVE_TIMEOUT) >= 0) {
        return d;
      }
      at.atValue(path, "expected at least " + DurationText.format(MIN_KEEP_ALIVE_TIMEOUT) + ", or "
          + NO_KEEP_ALIVE_TIMEOUT + " to never close idle connections; got " + at.found(path, given));
    } catch (IllegalArgumentException e) {
      at.atValue(path, "expected " + DurationText.EXPECTED + ", or " + NO_KEEP_ALIVE_TIMEOUT + "; got "
          + at.found(path, given));
    }
    return KEEP_ALIVE_TIMEOUT;
  }

  private static final String SERVICE_TIME_EXPECTED =
      "a duration such as 290ms, or a mapping {distribution: fixed|uniform|normal|exponential, ...}";

  private ServiceTime serviceTime(JsonNode node) {
    String path = "server.serviceTime";
    if (node == null || node.isNull()) {
      return SERVICE_TIME;
    }
    if (node.isValueNode()) {
      return new ServiceTime.Fixed(duration(path, node.asText(), SERVICE_TIME.mean(), Duration.ZERO));
    }
    if (!node.isObject()) {
      at.atValue(path, "expected " + SERVICE_TIME_EXPECTED + "; got " + at.found(path, "a list"));
      return SERVICE_TIME;
    }
    String kind = node.path("distribution").asText("");
    List<String> fields = switch (kind) {
      case "fixed" -> List.of("value");
      case "uniform" -> List.of("min", "max");
      case "normal" -> List.of("mean", "stddev");
      case "exponential" -> List.of("mean");
      default -> null;
    };
    if (fields == null) {
      String where = node.has("distribution") ? path + ".distribution" : path;
      at.atValue(where, "expected distribution: fixed, uniform, normal or exponential; got "
          + (node.has("distribution") ? at.found(where, kind) : "no distribution field"));
      return SERVICE_TIME;
    }
    Map<String, Duration> values = new LinkedHashMap<>();
    for (String f : fields) {
      String fieldPath = path + "." + f;
      if (!node.has(f) || node.get(f).isNull()) {
        at.atValue(path, "a " + kind + " service time needs " + String.join(" and ", fields) + "; "
            + f + " is missing");
        return SERVICE_TIME;
      }
      values.put(f, duration(fieldPath, node.get(f).asText(), Duration.ZERO, Duration.ZERO));
    }
    for (var it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.equals("distribution") && !fields.contains(f)) {
        at.atKey(path + "." + f, "unknown field '" + f + "' for a " + kind
            + " service time; expected " + String.join(", ", fields));
      }
    }
    try {
      return switch (kind) {
        case "fixed" -> new ServiceTime.Fixed(values.get("value"));
        case "uniform" -> new ServiceTime.Uniform(values.get("min"), values.get("max"));
        case "normal" -> new ServiceTime.Normal(values.get("mean"), values.get("stddev"));
        default -> new ServiceTime.Exponential(values.get("mean"));
      };
    } catch (IllegalArgumentException e) {
      at.atValue(path + ".max", "expected max >= min; got min " + DurationText.format(values.get("min"))
          + ", max " + DurationText.format(values.get("max")));
      return SERVICE_TIME;
    }
  }

  private static ClientSection emptyClient() {
    return new ClientSection(null, null, null, null, null, null, null);
  }

  private ClientSettings client(ClientSection s) {
    int concurrency = atLeast("client.concurrency", s.concurrency(), CONCURRENCY, MIN_CONCURRENCY);
    ConnectionReuse connections = CONNECTIONS;
    if (s.connections() != null) {
      try {
        connections = ConnectionReuse.of(s.connections().strip());
      } catch (IllegalArgumentException e) {
        at.atValue("client.connections", "expected one of " + ConnectionReuse.ids() + "; got "
            + at.found("client.connections", s.connections()));
      }
    }
    int poolSize = atLeast("client.poolSize", s.poolSize(), Math.max(concurrency, MIN_POOL_SIZE), MIN_POOL_SIZE);
    Duration connect = duration("client.connectTimeout", s.connectTimeout(), CONNECT_TIMEOUT, MIN_TIMEOUT);
    Duration request = duration("client.requestTimeout", s.requestTimeout(), REQUEST_TIMEOUT, MIN_TIMEOUT);
    int processes = count("client.processes", s.processes(), AUTO, PROCESSES);
    int retries = atLeast("client.retries", s.retries(), RETRIES, MIN_RETRIES);
    if (concurrency < MIN_CONCURRENCY || poolSize < MIN_POOL_SIZE || retries < MIN_RETRIES) {
      return null;
    }
    return new ClientSettings(concurrency, connections, poolSize, connect, request, processes,
        retries);
  }

  private List<String> models(
      List<String> given, Set<String> declared, Map<String, ExternalModel> external) {
    if (given == null) {
      List<String> all = new ArrayList<>(Models.javaIds());
      all.addAll(external.keySet());
      return all;
    }
    if (given.isEmpty()) {
      at.atValue("models", "expected at least one model id; got an empty list");
    }
    Set<String> seen = new HashSet<>();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      String id = given.get(i);
      String path = "models[" + i + "]";
      if (id == null || !(Models.contains(id) || declared.contains(id))) {
        at.atValue(path, Scenario.unknownModelMessage(String.valueOf(id), declared));
      } else if (!seen.add(id)) {
        at.atValue(path, "model '" + id + "' is listed twice");
      } else {
        out.add(id);
      }
    }
    return out;
  }

  private RunSettings run(RunSection s) {
    Duration interval = duration("run.sampleInterval", s.sampleInterval(), SAMPLE_INTERVAL, MIN_SAMPLE_INTERVAL);
    Optional<DataSize> memoryLimit = MEMORY_LIMIT;
    if (s.memoryLimit() != null && !s.memoryLimit().strip().equals(NO_MEMORY_LIMIT)) {
      DataSize limit = parse("run.memoryLimit", s.memoryLimit(), null, DataSize::parse,
          DataSize.EXPECTED + ", or none");
      if (limit != null && limit.compareTo(MIN_MEMORY_LIMIT) < 0) {
        at.atValue("run.memoryLimit", "expected none or at least " + MIN_MEMORY_LIMIT + "; got "
            + at.found("run.memoryLimit", s.memoryLimit()));
      }
      memoryLimit = Optional.ofNullable(limit);
    }
    Duration timeout = duration("run.timeout", s.timeout(), RUN_TIMEOUT, MIN_RUN_TIMEOUT);
    List<String> jvmArgs = s.jvmArgs() == null ? JVM_ARGS : s.jvmArgs();
    for (int i = 0; i < jvmArgs.size(); i++) {
      if (jvmArgs.get(i) == null || jvmArgs.get(i).isBlank()) {
        at.atValue("run.jvmArgs[" + i + "]", "expected a JVM flag such as -Xss256k; got an empty value");
      }
    }
    WarmupBinder.Bound warm = new WarmupBinder(at).bind(s);
    return new RunSettings(interval, memoryLimit, timeout, jvmArgs.stream().filter(a -> a != null).toList(),
        s.preflight() == null ? PREFLIGHT : s.preflight(), warm.warmup(), warm.firstUseRuns());
  }

  private void refuse(List<ScenarioLimits.Finding> findings) {
    findings.stream().filter(f -> f.severity() == ScenarioLimits.Severity.REFUSED)
        .forEach(f -> at.atFirstValue(f.fields(), f.message()));
  }

  // --- values -------------------------------------------------------------------------------

  private int atLeast(String path, Integer given, int dflt, int min) {
    if (given == null) {
      return dflt;
    }
    if (given < min) {
      at.atValue(path, "expected a whole number >= " + min + "; got " + at.found(path, given.toString()));
    }
    return given;
  }

  /** A count of at least 1, or the word for "no count" ({@code unlimited}, {@code auto}) = 0. */
  private int count(String path, JsonNode node, String word, int dflt) {
    if (node == null || node.isNull()) {
      return dflt;
    }
    if (node.isTextual() && node.asText().strip().equals(word)) {
      return 0;
    }
    if ((node.isIntegralNumber() && node.canConvertToInt()) || node.asText().strip().matches("\\d{1,9}")) {
      int n = node.isIntegralNumber() ? node.intValue() : Integer.parseInt(node.asText().strip());
      if (n >= MIN_LIMIT) {
        return n;
      }
    }
    at.atValue(path, "expected a whole number >= " + MIN_LIMIT + " or " + word + "; got "
        + at.found(path, node.isValueNode() ? node.asText() : node.isArray() ? "a list" : "a mapping"));
    return dflt;
  }

  private Duration duration(String path, String given, Duration dflt, Duration min) {
    Duration d = parse(path, given, dflt, DurationText::parse, DurationText.EXPECTED);
    if (d.compareTo(min) < 0) {
      at.atValue(path, "expected at least " + DurationText.format(min) + "; got " + at.found(path, given));
      return dflt;
    }
    return d;
  }

  private <T> T parse(String path, String given, T dflt, Function<String, T> parser, String expected) {
    if (given == null) {
      return dflt;
    }
    try {
      return parser.apply(given);
    } catch (IllegalArgumentException e) {
      at.atValue(path, "expected " + expected + "; got " + at.found(path, given));
      return dflt;
    }
  }
}
