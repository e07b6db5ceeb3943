package faremark.orchestrator.scenario;

import faremark.contract.DataSize;
import faremark.contract.WorkloadSpec;
import faremark.fareserver.FareServerConfig;
import faremark.orchestrator.model.Models;
import faremark.orchestrator.output.AtomicFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One experiment as described by a scenario file, with every default filled in (see {@link
 * ScenarioDefaults}). Immutable; built by {@link ScenarioLoader}.
 *
 * <p>Equality ignores {@link #source()}: it is provenance, not content, so the resolved scenario
 * written next to the results loads back equal to the one that was run.
 *
 * @param name scenario name, {@code [a-z0-9-]+}; used in the results folder name
 * @param description what the scenario models and what to expect
 * @param job the route, days and first day fetched
 * @param server the fare server's configuration (loopback, port 0: the runner binds a free port)
 * @param client how every workload behaves as an HTTP client
 * @param network the proxy between workloads and server and its toxics
 * @param models the model ids to run, in order: Java catalog ids and keys of {@link #external()}
 * @param repetitions runs per model
 * @param run sampling, limits, timeout and JVM flags of each run
 * @param external user programs measured under the same contract, by id, in file order
 * @param python the Python models' own knobs, passed to them as spec options
 * @param sweep the parameter varied over points, if any: {@link #atPoint} gives each point's
 *     scenario, and {@link #repetitions} then counts runs per point × model × heap variant
 * @param source the file this was loaded from, if any
 */
public record Scenario(
    String name,
    String description,
    Job job,
    FareServerConfig server,
    ClientSettings client,
    Network network,
    List<String> models,
    int repetitions,
    RunSettings run,
    Map<String, ExternalModel> external,
    PythonSettings python,
    Optional<Sweep> sweep,
    Optional<Path> source) {

  public Scenario {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(python, "python");
    Objects.requireNonNull(sweep, "sweep");
    Objects.requireNonNull(source, "source");
    external = Collections.unmodifiableMap(new LinkedHashMap<>(external));
    models = List.copyOf(models);
    if (repetitions < ScenarioDefaults.MIN_REPETITIONS) {
      throw new IllegalArgumentException("repetitions must be >= 1, got " + repetitions);
    }
    if (models.isEmpty() || new LinkedHashSet<>(models).size() != models.size()) {
      throw new IllegalArgumentException("models must be a non-empty list without repeats");
    }
    for (String m : models) {
      if (!Models.contains(m) && !external.containsKey(m)) {
        throw new IllegalArgumentException(unknownModelMessage(m, external.keySet()));
      }
    }
  }

  /** The spec handed to one run of {@code model}: this scenario's job and client knobs. */
  public WorkloadSpec workloadSpec(String model, URI target) {
    if (!isKnownModel(model)) {
      throw new IllegalArgumentException(unknownModelMessage(model, external.keySet()));
    }
    return new WorkloadSpec(
        model, target, job.route(), job.startDate(), job.days(), client.concurrency(),
        client.connections(), client.poolSize(), client.connectTimeout(), client.requestTimeout(),
        client.processes(), Models.isPython(model) ? python.options() : Map.of(),
        client.retries(), run.warmup());
  }

  /** Toxics that cut, hold or reset connections, rather than slowing them down. */
  private static final java.util.Set<String> FAULT_TOXICS = java.util.Set.of("reset_peer", "timeout", "limit_data");

  /**
   * True when this scenario makes requests fail by design, so failed requests are what it
   * measures rather than a sign of a broken model: toxics that reset, hold or cut connections, a
   * server that rejects or refuses over a cap or closes idle connections, or a request timeout
   * shorter than a request's mean service time and round trip.
   */
  public boolean failsRequestsOnPurpose() {
    var limits = server.limits();
    return network.toxics().stream().anyMatch(t -> FAULT_TOXICS.contains(t.type().id()))
        || ((limits.connectionsCapped() || limits.inFlightCapped())
            && limits.overflow() != faremark.fareserver.OverflowPolicy.QUEUE)
        || limits.closesIdleConnections()
        || client.requestTimeout().compareTo(
            server.serviceTime().mean().plus(network.meanRoundTrip())) < 0;
  }

  /** The fare server's configuration: host 127.0.0.1, port 0. */
  public FareServerConfig serverConfig() {
    return server;
  }

  /** True for a built-in (Java or Python) model or an external model this scenario defines. */
  public boolean isKnownModel(String id) {
    return Models.contains(id) || external.containsKey(id);
  }

  public boolean isExternal(String id) {
    return external.containsKey(id);
  }

  public Optional<ExternalModel> externalModel(String id) {
    return Optional.ofNullable(external.get(id));
  }

  /** Every id this scenario could run: the Java and Python catalogs, then its external models. */
  public List<String> knownModels() {
    return Stream.concat(Models.ids().stream(), external.keySet().stream()).toList();
  }

  public Duration sampleInterval() {
    return run.sampleInterval();
  }

  public Optional<DataSize> memoryLimit() {
    return run.memoryLimit();
  }

  /** Per run: a run alive after this is killed and recorded as timed out. */
  public Duration runTimeout() {
    return run.timeout();
  }

  public List<String> jvmArgs() {
    return run.jvmArgs();
  }

  /** Warm-up passes before {@code ready} in every measured run (0: none). */
  public int warmup() {
    return run.warmup();
  }

  /** First-use reference runs per model (0: none). */
  public int firstUseRuns() {
    return run.firstUseRuns();
  }

  /**
   * How many measured runs the experiment makes: models × repetitions, and in a sweep × points,
   * with the Java models once per heap variant.
   */
  public int runCount() {
    return runCount(models);
  }

  /** As {@link #runCount()}, for {@code measured} of its models only (a pre-flight failed). */
  public int runCount(List<String> measured) {
    if (sweep.isEmpty()) {
      return measured.size() * repetitions;
    }
    int variants = measured.stream().mapToInt(m -> heapVariants(m).size()).sum();
    return variants * sweep.get().points() * repetitions;
  }

  /**
   * The heap variants {@code model} runs with in this sweep: every one for a built-in Java model,
   * only the default for the others (their runtime has no JVM heap to pin).
   */
  public List<String> heapVariants(String model) {
    boolean java = Models.find(model).map(d -> !d.isPython()).orElse(false);
    return java && sweep.isPresent() ? sweep.get().javaHeap() : List.of(Sweep.DEFAULT_HEAP);
  }

  /**
   * One point of the sweep: this scenario with the swept parameter set to the point's value (and
   * what follows from it, e.g. the days for concurrency), the heap variant's flags added to the
   * JVM flags, and no sweep of its own.
   *
   * @throws IllegalStateException without a sweep
   */
  public Scenario atPoint(int point, String heap) {
    Sweep sw = sweep.orElseThrow(() -> new IllegalStateException("scenario " + name + " has no sweep"));
    Scenario at = sw.parameter().apply(this, sw.value(point));
    List<String> flags = Sweep.heapFlags(heap);
    RunSettings r = at.run;
    RunSettings withHeap = flags.isEmpty() ? r : new RunSettings(r.sampleInterval(), r.memoryLimit(),
        r.timeout(), Stream.concat(r.jvmArgs().stream(), flags.stream()).toList(), r.preflight(),
        r.warmup(), r.firstUseRuns());
    return new Scenario(name, description, at.job, server, at.client, at.network, models,
        repetitions, withHeap, external, python, Optional.empty(), source);
  }

  /** The same scenario with another job and client settings, for {@link SweepParameter}. */
  Scenario with(Job job, ClientSettings client) {
    return new Scenario(name, description, job, server, client, network, models, repetitions, run,
        external, python, sweep, source);
  }

  /** The same scenario with another network, for {@link SweepParameter#RTT}. */
  Scenario withNetwork(Network n) {
    return new Scenario(name, description, job, server, client, n, models, repetitions, run,
        external, python, sweep, source);
  }

  /**
   * The same scenario running only {@code ids} (the CLI's {@code --models}).
   *
   * @throws IllegalArgumentException naming an unknown id and the known ones, or on an empty list
   */
  public Scenario withModels(List<String> ids) {
    return new Scenario(name, description, job, server, client, network, ids, repetitions, run,
        external, python, sweep, source);
  }

  /** The same scenario with another repetition count (the CLI's {@code --repetitions}). */
  public Scenario withRepetitions(int count) {
    return new Scenario(name, description, job, server, client, network, models, count, run, external,
        python, sweep, source);
  }

  /**
   * The same scenario driving the Toxiproxy API at {@code url} (CLI {@code --proxy-url} or
   * {@code TOXIPROXY_URL}) instead of what the file says; empty keeps the file's choice.
   */
  public Scenario withProxyUrl(Optional<URI> url) {
    if (url.isEmpty()) {
      return this;
    }
    return new Scenario(name, description, job, server, client, network.withProxyUrl(url), models,
        repetitions, run, external, python, sweep, source);
  }

  /** The resolved scenario as YAML: every default written out; loads back equal. */
  public String toYaml() {
    return ScenarioDocument.toYaml(this);
  }

  /** The resolved scenario as JSON (same fields as the YAML). */
  public String toJson() {
    return ScenarioDocument.toJson(this);
  }

  /** Writes the resolved scenario; JSON when {@code file} ends in {@code .json}, else YAML. */
  public void write(Path file) throws IOException {
    String text = file.getFileName().toString().endsWith(".json") ? toJson() : toYaml();
    AtomicFiles.writeString(file, text);
  }

  static String unknownModelMessage(String id, java.util.Collection<String> externalIds) {
    List<String> known =
        Stream.concat(Models.ids().stream(), externalIds.stream())
            .toList();
    return "unknown model '" + id + "'; known models: " + String.join(", ", known)
        + (externalIds.isEmpty() ? " (or an external model defined under external:)" : "");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Scenario s
        && name.equals(s.name) && description.equals(s.description) && job.equals(s.job)
        && server.equals(s.server) && client.equals(s.client) && network.equals(s.network)
        && models.equals(s.models)
        && repetitions == s.repetitions && run.equals(s.run) && external.equals(s.external)
        && python.equals(s.python) && sweep.equals(s.sweep);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, description, job, server, client, network, models, repetitions, run,
        external, python, sweep);
  }
}
