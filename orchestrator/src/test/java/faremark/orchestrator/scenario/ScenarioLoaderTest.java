package faremark.orchestrator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import faremark.contract.ConnectionReuse;
import faremark.contract.DataSize;
import faremark.contract.DurationText;
import faremark.contract.Route;
import faremark.fareserver.OverflowPolicy;
import faremark.fareserver.ServiceTime;
import faremark.orchestrator.scenario.ScenarioException.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioLoaderTest {
  static final Path SHIPPED = ScenarioFiles.repoRoot().resolve("scenarios");
  static final Path INVALID = Path.of("src/test/resources/scenarios/invalid");

  static Stream<Path> shippedScenarios() throws IOException {
    try (Stream<Path> files = Files.list(SHIPPED)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @Test
  void shipsTheScenariosTheReadmeNames() {
    assertThat(SHIPPED.resolve("seed.yaml")).exists();
    assertThat(SHIPPED.resolve("cap-5.yaml")).exists();
    assertThat(SHIPPED.resolve("reject-5.yaml")).exists();
    assertThat(SHIPPED.resolve("per-request.yaml")).exists();
    assertThat(SHIPPED.resolve("smoke.yaml")).exists();
    assertThat(SHIPPED.resolve("conn-cap-5.yaml")).exists();
    for (String network : List.of("article", "lan", "transatlantic", "mobile-slow", "flaky",
        "network-smoke")) {
      assertThat(SHIPPED.resolve(network + ".yaml")).exists();
    }
  }

  @ParameterizedTest
  @MethodSource("shippedScenarios")
  void everyShippedScenarioLoadsAndRoundTrips(Path file) throws Exception {
    Scenario s = ScenarioLoader.load(file);
    assertThat(s.name()).isEqualTo(file.getFileName().toString().replace(".yaml", ""));
    assertThat(s.description()).isNotBlank();
    assertThat(Files.readString(file)).as("comment header").startsWith("# " + s.name() + " —");
    assertThat(ScenarioLoader.parse(s.toYaml(), "resolved.yaml", Optional.empty())).isEqualTo(s);
  }

  @Test
  void seedIsTheArticlesJob() throws Exception {
    Scenario s = ScenarioLoader.load(SHIPPED.resolve("seed.yaml"));
    assertThat(s.job()).isEqualTo(new Job(new Route("PRG", "BRQ"), LocalDate.of(2018, 6, 1), 100));
    assertThat(s.server().serviceTime()).isEqualTo(new ServiceTime.Fixed(Duration.ofMillis(290)));
    assertThat(Estimates.sequential(s)).isEqualTo(Duration.ofSeconds(29));
    assertThat(s.client().concurrency()).isEqualTo(100);
    assertThat(s.client().processes()).isEqualTo(10);
    assertThat(s.models())
        .containsExactly("sequential", "thread-pool", "virtual-threads", "async", "multi-process");
    assertThat(s.repetitions()).isEqualTo(3);
    assertThat(s.server().payload()).isEqualTo(DataSize.ofKiB(8));
  }

  @Test
  void capFiveCapsRequestsInFlightAndQueues() throws Exception {
    Scenario s = ScenarioLoader.load(SHIPPED.resolve("cap-5.yaml"));
    assertThat(s.server().limits().connectionsCapped()).isFalse();
    assertThat(s.server().limits().maxInFlight()).isEqualTo(5);
    assertThat(s.server().limits().overflow()).isEqualTo(OverflowPolicy.QUEUE);
    assertThat(Estimates.requestPhase(s, "virtual-threads")).contains(Duration.ofSeconds(2));
  }

  @Test
  void aMinimalFileGetsEveryDefault() throws Exception {
    Scenario s = ScenarioLoader.parse("repetitions: 1\n", "scenarios/minimal.yaml", Optional.empty());
    assertThat(s.name()).isEqualTo("minimal");
    assertThat(s.description()).isEmpty();
    assertThat(s.job().route()).isEqualTo(ScenarioDefaults.ROUTE);
    assertThat(s.job().startDate()).isEqualTo(ScenarioDefaults.START_DATE);
    assertThat(s.job().days()).isEqualTo(ScenarioDefaults.DAYS);
    assertThat(s.server().host()).isEqualTo("127.0.0.1");
    assertThat(s.server().port()).isZero();
    assertThat(s.server().seed()).isEqualTo(42L);
    assertThat(s.server().serviceTime()).isEqualTo(ScenarioDefaults.SERVICE_TIME);
    assertThat(s.server().limits().connectionsCapped()).isFalse();
    assertThat(s.server().limits().inFlightCapped()).isFalse();
    assertThat(s.server().limits().retryAfter()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.server().limits().keepAliveTimeout()).isZero();
    assertThat(s.client().connections()).isEqualTo(ConnectionReuse.SHARED);
    assertThat(s.client().poolSize()).isEqualTo(s.client().concurrency()).isEqualTo(100);
    assertThat(s.client().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.client().requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.client().processes()).isZero();
    assertThat(s.models()).as("every Java model the registry lists, the shipped five first")
        .startsWith("sequential", "thread-pool", "virtual-threads", "async", "multi-process")
        .isEqualTo(faremark.orchestrator.model.Models.javaIds());
    assertThat(s.repetitions()).isEqualTo(1);
    assertThat(s.sampleInterval()).isEqualTo(Duration.ofMillis(10));
    assertThat(s.memoryLimit()).isEmpty();
    assertThat(s.runTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(s.jvmArgs()).isEmpty();
    assertThat(s.external()).isEmpty();
  }

  @Test
  void poolSizeDefaultsToConcurrency() throws Exception {
    Scenario s = ScenarioLoader.parse("client: {concurrency: 7}\n", "p.yaml", Optional.empty());
    assertThat(s.client().poolSize()).isEqualTo(7);
  }

  @Test
  void everyFormReadsAndRoundTrips() throws Exception {
    String yaml = """
        name: full
        description: every form
        server:
          serviceTime: {distribution: normal, mean: 290ms, stddev: 30ms}
          maxConnections: 5
          maxInFlight: unlimited
          overflow: refuse
          retryAfter: 2s
          keepAliveTimeout: 5s
        client:
          connections: per-request
          poolSize: 3
          processes: auto
        run:
          memoryLimit: 512MiB
          jvmArgs: [-Xss256k]
        external:
          my-client:
            command: ["./my-client", "--spec={spec}"]
            description: mine
        models: [async, my-client]
        """;
    Scenario s = ScenarioLoader.parse(yaml, "full.yaml", Optional.empty());
    assertThat(s.server().serviceTime())
        .isEqualTo(new ServiceTime.Normal(Duration.ofMillis(290), Duration.ofMillis(30)));
    assertThat(s.server().limits().maxConnections()).isEqualTo(5);
    assertThat(s.server().limits().overflow()).isEqualTo(OverflowPolicy.REFUSE);
    assertThat(s.server().limits().keepAliveTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.memoryLimit()).contains(DataSize.ofMiB(512));
    assertThat(s.isExternal("my-client")).isTrue();
    assertThat(s.externalModel("my-client").orElseThrow().commandFor(Path.of("/tmp/spec.json")))
        .containsExactly("./my-client", "--spec=/tmp/spec.json");
    assertThat(ScenarioLoader.parse(s.toYaml(), "r.yaml", Optional.empty())).isEqualTo(s);
    assertThat(ScenarioLoader.parse(s.toJson(), "r.json", Optional.empty())).isEqualTo(s);
  }

  @Test
  void otherDistributionsRoundTrip() throws Exception {
    for (String t : List.of("{distribution: uniform, min: 200ms, max: 400ms}",
        "{distribution: exponential, mean: 290ms}", "{distribution: fixed, value: 1.5s}")) {
      Scenario s = ScenarioLoader.parse("server: {serviceTime: " + t + "}\n", "d.yaml", Optional.empty());
      assertThat(ScenarioLoader.parse(s.toYaml(), "d.yaml", Optional.empty())).isEqualTo(s);
    }
  }

  @Test
  void externalModelsJoinTheDefaultModelList() throws Exception {
    Scenario s = ScenarioLoader.parse(
        "external:\n  mine:\n    command: [./x, '{spec}']\n", "e.yaml", Optional.empty());
    assertThat(s.models()).as("every registered Java model, then the external one")
        .hasSize(faremark.orchestrator.model.Models.javaIds().size() + 1).endsWith("mine");
  }

  static Stream<Arguments> invalidFixtures() {
    return Stream.of(
        Arguments.of("unknown-field.yaml", "server.servicetime", 6, "unknown field 'servicetime'"),
        Arguments.of("wrong-type.yaml", "job.days", 4, "expected a whole number; got 'ten'"),
        Arguments.of("bad-duration-unit.yaml", "server.serviceTime", 3, DurationText.EXPECTED),
        Arguments.of("bare-number-duration.yaml", "server.serviceTime", 7,
            "expected " + DurationText.EXPECTED + "; got '290'"),
        Arguments.of("bad-size.yaml", "server.payload", 3, DataSize.EXPECTED + "; got '8kb'"),
        Arguments.of("unknown-model.yaml", "models[1]", 2,
            "unknown model 'gevent'; known models: sequential, thread-pool"),
        Arguments.of("keep-alive-without-unit.yaml", "server.keepAliveTimeout", 4,
            "expected " + DurationText.EXPECTED + ", or none; got '5'"),
        Arguments.of("bad-overflow.yaml", "server.overflow", 4,
            "expected one of queue, reject, refuse; got 'drop'"),
        Arguments.of("days-zero.yaml", "job.days", 3, "expected a whole number >= 1; got '0'"),
        Arguments.of("bad-route-code.yaml", "job.route.to", 5, "got 'Brno main'"),
        Arguments.of("external-without-spec.yaml", "external.my-client.command", 4, "{spec}"),
        Arguments.of("malformed.yaml", "", 4, "not valid YAML"),
        Arguments.of("payload-too-big.yaml", "server.payload", 3,
            "expected at most 64MiB (the fare server's page cache holds 64MiB"),
        Arguments.of("days-too-many.yaml", "job.days", 4, "expected at most 100000 days"),
        Arguments.of("days-times-payload.yaml", "server.payload", 5,
            "days x payload is 200 x 8MiB = 1.56 GiB; expected at most 1.00 GiB"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFixtures")
  void invalidFixtureNamesFileFieldLineAndExpectation(
      String fixture, String field, int line, String expected) {
    Path file = INVALID.resolve(fixture);
    ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.load(file));
    assertThat(e).as(fixture).isNotNull();
    assertThat(e.getMessage())
        .contains(file.toString() + ":" + line + ":")
        .contains(field.isEmpty() ? "" : ": " + field + ": ")
        .contains(expected);
    Problem first = e.problems().get(0);
    assertThat(first.file()).isEqualTo(file.toString());
    assertThat(first.field()).isEqualTo(field);
    assertThat(first.line()).isEqualTo(line);
    assertThat(first.column()).isPositive();
    assertThat(e.problems()).as("exactly one problem, no follow-on errors").hasSize(1);
  }

  @Test
  void reportsEveryValueErrorAtOnce() {
    ScenarioException e = catchThrowableOfType(ScenarioException.class,
        () -> ScenarioLoader.load(INVALID.resolve("several-errors.yaml")));
    assertThat(e.problems()).extracting(Problem::field).containsExactly(
        "job.days", "server.serviceTime", "client.concurrency", "client.connections",
        "run.sampleInterval");
    assertThat(e.getMessage().lines()).hasSize(5);
  }

  @Test
  void emptyFileIsAClearError() {
    assertThatThrownBy(() -> ScenarioLoader.load(INVALID.resolve("empty.yaml")))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("empty.yaml: the file is empty");
  }

  @Test
  void missingFileIsAClearError(@TempDir Path dir) {
    assertThatThrownBy(() -> ScenarioLoader.load(dir.resolve("nope.yaml")))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("nope.yaml: no such file");
  }

  @Test
  void repeatedKeysAndExtraDocumentsAreErrors() {
    assertThatThrownBy(() -> ScenarioLoader.parse("job: {days: 3}\njob: {days: 4}\n", "r.yaml", Optional.empty()))
        .hasMessageContaining("r.yaml:2:1: job: the key 'job' is given twice");
    assertThatThrownBy(() -> ScenarioLoader.parse("repetitions: 1\n---\nrepetitions: 2\n", "r.yaml", Optional.empty()))
        .hasMessageContaining("expected one YAML document");
  }

  @Test
  void structuralErrorsSayWhatShapeWasExpected() {
    assertThatThrownBy(() -> ScenarioLoader.parse("job: 5\n", "s.yaml", Optional.empty()))
        .hasMessageContaining("s.yaml:1:6: job: expected a mapping with fields route, startDate, days; got '5'");
    assertThatThrownBy(() -> ScenarioLoader.parse("- a\n", "s.yaml", Optional.empty()))
        .hasMessageContaining("s.yaml:1:1: expected a mapping with fields name, description, job");
    assertThatThrownBy(() -> ScenarioLoader.parse("job: {days: 99999999999}\n", "s.yaml", Optional.empty()))
        .hasMessageContaining("job.days: expected a whole number of at most 2147483647");
  }

  @Test
  void valueChecksBeyondTheFixtures() {
    assertThatThrownBy(() -> ScenarioLoader.parse(
            "server: {serviceTime: {distribution: uniform, min: 400ms, max: 200ms}}\n", "v.yaml", Optional.empty()))
        .hasMessageContaining("server.serviceTime.max: expected max >= min");
    assertThatThrownBy(() -> ScenarioLoader.parse(
            "server: {serviceTime: {distribution: gamma, mean: 1s}}\n", "v.yaml", Optional.empty()))
        .hasMessageContaining("server.serviceTime.distribution: expected distribution: fixed, uniform, normal or exponential; got 'gamma'");
    assertThatThrownBy(() -> ScenarioLoader.parse("server: {maxConnections: 0}\n", "v.yaml", Optional.empty()))
        .hasMessageContaining("server.maxConnections: expected a whole number >= 1 or unlimited; got '0'");
    assertThatThrownBy(() -> ScenarioLoader.parse("server: {keepAliveTimeout: 0s}\n", "v.yaml", Optional.empty()))
        .hasMessageContaining("v.yaml:1:28: server.keepAliveTimeout: expected at least 1ms, or none");
    assertThatThrownBy(() -> ScenarioLoader.parse("run: {memoryLimit: 512}\n", "v.yaml", Optional.empty()))
        .hasMessageContaining("run.memoryLimit: expected a size with a unit");
    assertThatThrownBy(() -> ScenarioLoader.parse("models: [async, async]\n", "v.yaml", Optional.empty()))
        .hasMessageContaining("models[1]: model 'async' is listed twice");
    assertThatThrownBy(() -> ScenarioLoader.parse("name: My Scenario\n", "v.yaml", Optional.empty()))
        .hasMessageContaining("v.yaml:1:7: name: expected lower-case letters");
    assertThatThrownBy(() -> ScenarioLoader.parse("job: {startDate: 2018-13-01}\n", "v.yaml", Optional.empty()))
        .hasMessageContaining("job.startDate: expected a date as YYYY-MM-DD");
    assertThatThrownBy(() -> ScenarioLoader.parse("external: {sequential: {command: ['{spec}']}}\n", "v.yaml", Optional.empty()))
        .hasMessageContaining("external.sequential: 'sequential' is a Java model's id");
  }

  @Test
  void unknownFieldSuggestsTheCloseOne() {
    assertThatThrownBy(() -> ScenarioLoader.parse("repetition: 2\n", "u.yaml", Optional.empty()))
        .hasMessageContaining("u.yaml:1:1: repetition: unknown field 'repetition' (did you mean 'repetitions'?)");
  }

  @Test
  void aScenarioCannotNameDockerEngines() {
    assertThatThrownBy(() -> ScenarioLoader.parse("name: x\nhosts: [tcp://10.0.0.2:2376]\n", "h.yaml",
        Optional.empty()))
        .hasMessageContaining("h.yaml:2:1: hosts: 'hosts': a scenario cannot name Docker engines")
        .hasMessageContaining("--docker-hosts or FAREMARK_DOCKER_HOSTS");
    assertThatThrownBy(() -> ScenarioLoader.parse("docker: {hosts: [a]}\n", "d.yaml", Optional.empty()))
        .hasMessageContaining("d.yaml:1:1: docker: 'docker': a scenario cannot name Docker engines");
  }
}
