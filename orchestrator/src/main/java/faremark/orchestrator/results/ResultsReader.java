package faremark.orchestrator.results;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import faremark.contract.Json;
import faremark.orchestrator.sampling.MemorySample;
import faremark.orchestrator.scenario.Scenario;
import faremark.orchestrator.scenario.ScenarioException;
import faremark.orchestrator.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads a results folder back from its raw files (names in {@link ResultsLayout}): {@code
 * scenario.resolved.yaml}, {@code environment.json} and every {@code runs/<id>/} with {@code
 * run.json}, {@code samples.csv}, {@code events.jsonl} and {@code latency.hlog} where there is
 * one, and {@code python.json} when there is
 * one, and the first-use reference runs under {@code first-use/} when there are any. Summary
 * files are never read: they are what gets rebuilt. A folder of a newer layout than
 * this code knows is refused, naming the version, rather than misread.
 */
public final class ResultsReader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private ResultsReader() {}

  public static ExperimentData read(Path dir) throws ResultsException {
    if (!Files.isDirectory(dir)) {
      throw new ResultsException(dir, "not a directory; expected a results folder such as"
          + " results/20260101T120000Z-seed");
    }
    Path scenarioFile = dir.resolve(ResultsLayout.SCENARIO);
    if (!Files.isRegularFile(scenarioFile)) {
      throw new ResultsException(scenarioFile, "missing: not a faremark results folder"
          + " (each holds " + ResultsLayout.SCENARIO + ", " + ResultsLayout.ENVIRONMENT + " and "
          + ResultsLayout.RUNS + "/)");
    }
    // The layout's version first: a newer layout's files are refused as such, not misread.
    Path envFile = dir.resolve(ResultsLayout.ENVIRONMENT);
    Map<String, Object> environment =
        Files.isRegularFile(envFile) ? readTree(envFile, Json.mapper()) : new LinkedHashMap<>();
    checkFormat(envFile, environment);
    Scenario scenario;
    try {
      scenario = ScenarioLoader.load(scenarioFile);
    } catch (ScenarioException e) {
      throw new ResultsException(scenarioFile, "does not load as a scenario", e);
    }
    Map<String, Object> tree = readTree(scenarioFile, YAML);
    List<RunData> runs = readRuns(dir.resolve(ResultsLayout.RUNS));
    List<RunData> firstUse = readRuns(dir.resolve(ResultsLayout.FIRST_USE));
    return new ExperimentData(dir, scenario, tree, environment, runs,
        skipped(dir.resolve(ResultsLayout.PYTHON)), skipped(dir.resolve(ResultsLayout.PREFLIGHT_RECORD)),
        firstUse);
  }

  /** Every run folder of {@code parent} with a run.json, in run order; none without the folder. */
  private static List<RunData> readRuns(Path parent) throws ResultsException {
    List<RunData> runs = new ArrayList<>();
    for (Path runDir : runDirs(parent)) {
      Path runJson = runDir.resolve(ResultsLayout.RUN_RECORD);
      if (Files.isRegularFile(runJson)) {
        runs.add(readRun(runDir));
      }
      // A folder without run.json is a run cut off before it was recorded (Ctrl-C): the
      // experiment counts as interrupted because fewer runs than planned were recorded.
    }
    runs.sort(Comparator.comparingInt(r -> r.record().index()));
    return runs;
  }

  /**
   * Refuses a folder whose layout version ({@link ResultsLayout#FORMAT_FIELD}) this code does not
   * know. Absent means version 1, written before the field existed.
   */
  static void checkFormat(Path envFile, Map<String, Object> environment) throws ResultsException {
    Object v = environment.get(ResultsLayout.FORMAT_FIELD);
    if (v == null) {
      return;
    }
    if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < 1) {
      throw new ResultsException(envFile, ResultsLayout.FORMAT_FIELD + ": expected a whole number"
          + " from 1, got " + v);
    }
    long version = ((Number) v).longValue();
    if (version > ResultsLayout.FORMAT_VERSION) {
      throw new ResultsException(envFile, ResultsLayout.FORMAT_FIELD + " " + version
          + ": written by a newer faremark; this one reads results format up to "
          + ResultsLayout.FORMAT_VERSION);
    }
  }

  /**
   * {@code skipped} (model id → why it was not run) of {@code python.json} or {@code
   * preflight.json}, in the order written; empty when the file is absent (no Python model was
   * asked for; no pre-flight ran) or skips nothing.
   */
  static Map<String, String> skipped(Path file) throws ResultsException {
    if (!Files.isRegularFile(file)) {
      return Map.of();
    }
    JsonNode node;
    try {
      node = Json.mapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new ResultsException(file, "cannot be parsed", e);
    }
    JsonNode skipped = node == null ? null : node.path("skipped");
    if (skipped == null || skipped.isMissingNode() || skipped.isNull()) {
      return Map.of();
    }
    if (!skipped.isObject()) {
      throw new ResultsException(file, "skipped: expected an object of model id to reason, got "
          + skipped.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
    }
    Map<String, String> out = new LinkedHashMap<>();
    skipped.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText("")));
    return out;
  }

  static RunData readRun(Path runDir) throws ResultsException {
    Path runJson = runDir.resolve(ResultsLayout.RUN_RECORD);
    RunRecord record;
    try {
      record = Json.mapper().readValue(runJson.toFile(), RunRecord.class);
    } catch (IOException e) {
      throw new ResultsException(runJson, "not a run record", e);
    }
    if (record.model() == null || record.outcome() == null || record.runId() == null) {
      throw new ResultsException(runJson, "not a run record: model, runId and outcome are required");
    }
    List<MemorySample> samples = SamplesCsv.read(runDir.resolve(ResultsLayout.SAMPLES));
    Optional<Double> ready = Optional.ofNullable(record.readyAtMs());
    Optional<Double> done = Optional.ofNullable(record.doneAtMs());
    Path events = runDir.resolve(ResultsLayout.EVENTS);
    if (Files.isRegularFile(events)) {
      Map<String, Double> at = readEventTimes(events);
      // The event log is the raw observation; run.json repeats it.
      ready = Optional.ofNullable(at.get("ready")).or(() -> Optional.ofNullable(record.readyAtMs()));
      done = Optional.ofNullable(at.get("done")).or(() -> Optional.ofNullable(record.doneAtMs()));
    }
    return new RunData(record, samples, ready, done,
        LatencyLog.read(runDir.resolve(ResultsLayout.LATENCY)));
  }

  /** First {@code ready} and {@code done} event lines of {@code events.jsonl}, by arrival time. */
  static Map<String, Double> readEventTimes(Path file) throws ResultsException {
    Map<String, Double> at = new LinkedHashMap<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ResultsException(file, "cannot read", e);
    }
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode entry = Json.mapper().readTree(line);
        JsonNode event = Json.mapper().readTree(entry.path("line").asText(""));
        String name = event == null ? "" : event.path("event").asText("");
        if ((name.equals("ready") || name.equals("done")) && entry.path("tMs").isNumber()) {
          at.putIfAbsent(name, entry.path("tMs").asDouble());
        }
      } catch (JacksonException e) {
        // A line the workload printed that is not JSON: the contract violation is already in
        // run.json's outcome; it carries no event time.
      }
    }
    return at;
  }

  private static Map<String, Object> readTree(Path file, ObjectMapper mapper) throws ResultsException {
    try {
      Map<String, Object> tree = mapper.readValue(file.toFile(), MAP);
      return tree == null ? new LinkedHashMap<>() : tree;
    } catch (IOException e) {
      throw new ResultsException(file, "cannot be parsed", e);
    }
  }

  private static List<Path> runDirs(Path runs) throws ResultsException {
    if (!Files.isDirectory(runs)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(runs)) {
      return s.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new ResultsException(runs, "cannot list", e);
    }
  }
}
