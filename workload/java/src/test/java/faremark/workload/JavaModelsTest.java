package faremark.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import faremark.contract.DayAggregate;
import faremark.contract.FailureCause;
import faremark.contract.WorkloadResult;
import faremark.contract.WorkloadSpec;
import faremark.contract.model.Language;
import faremark.contract.model.ModelDeclaration;
import faremark.contract.model.Parallelism;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The registry, and what every model it lists must do, the same way: fetch, parse and aggregate
 * every day, and count failures by cause without retrying.
 */
class JavaModelsTest {

  static List<String> ids() {
    return JavaModels.declarations().stream().map(ModelDeclaration::id).toList();
  }

  /** Multi-process with two workers keeps JVM starts (the slow part on a small box) down. */
  static WorkloadSpec withTwoWorkers(WorkloadSpec spec) {
    return new WorkloadSpec(spec.model(), spec.target(), spec.route(), spec.startDate(), spec.days(),
        spec.concurrency(), spec.connections(), spec.poolSize(), spec.connectTimeout(),
        spec.requestTimeout(), 2, spec.options());
  }

  static WorkloadSpec withRequestTimeout(WorkloadSpec spec, Duration timeout) {
    return new WorkloadSpec(spec.model(), spec.target(), spec.route(), spec.startDate(), spec.days(),
        spec.concurrency(), spec.connections(), spec.poolSize(), spec.connectTimeout(), timeout,
        spec.processes(), spec.options());
  }

  /** The shipped models, first and in this order; a model added later follows them. */
  static final List<String> SHIPPED =
      List.of("sequential", "thread-pool", "virtual-threads", "async", "multi-process");

  @Test
  void listsTheFiveShippedModelsFirstAndCreatesEach() {
    assertThat(ids()).startsWith(SHIPPED.toArray(String[]::new));
    try (FixtureServer server = newServer(Duration.ZERO)) {
      for (String id : ids()) {
        try (WorkloadModel model = JavaModels.create(server.spec(id, 1, 1))) {
          assertThat(model.id()).isEqualTo(id);
        }
      }
    }
    assertThatThrownBy(() -> JavaModels.create(new FixtureServer(Duration.ZERO).spec("gevent", 1, 1)))
        .hasMessageContaining("unknown model 'gevent', expected one of sequential, thread-pool");
  }

  @Test
  void declaresWhatTheOrchestratorUsedToHardCode() {
    // The colours and parallelism the report and the estimates had as switches on ids.
    assertThat(JavaModels.declarations().subList(0, SHIPPED.size()))
        .extracting(ModelDeclaration::id, d -> d.colour().orElseThrow(), ModelDeclaration::parallelism)
        .containsExactly(
            tuple("sequential", "#4e79a7", Parallelism.ONE),
            tuple("thread-pool", "#e15759", Parallelism.CLIENT_POOL),
            tuple("virtual-threads", "#59a14f", Parallelism.CLIENT_POOL),
            tuple("async", "#f28e2b", Parallelism.CLIENT_POOL),
            tuple("multi-process", "#b07aa1", Parallelism.PROCESSES));
    assertThat(JavaModels.declarations()).allMatch(d -> d.language() == Language.JAVA);
    assertThat(JavaModels.find("async")).get().extracting(p -> p.declaration().description())
        .isEqualTo("non-blocking I/O on a single event-loop thread (the asyncio analogue)");
    assertThat(JavaModels.find("py-asyncio")).isEmpty();
  }

  @Test
  void aRepeatedIdOrAPythonDeclarationIsRefusedNamingTheProviders() {
    JavaModel first = provider(ModelDeclaration.java("twin", "one", Parallelism.ONE));
    JavaModel second = provider(ModelDeclaration.java("twin", "two", Parallelism.ONE));
    assertThatThrownBy(() -> JavaModels.index(List.of(first, second)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("model id 'twin' is declared twice")
        .hasMessageContaining(first.getClass().getName());
    JavaModel python = provider(new ModelDeclaration("py-x",
        new Language.Python("x", List.of()), "x", java.util.Optional.empty(), Parallelism.ONE));
    assertThatThrownBy(() -> JavaModels.index(List.of(python)))
        .hasMessageContaining("declares 'py-x' as a python model");
    assertThatThrownBy(() -> JavaModels.index(List.of(provider(null))))
        .hasMessageContaining("declaration() returned null");
    assertThat(JavaModels.index(List.of(first)).keySet()).containsExactly("twin");
  }

  @Test
  void theMainClassIsWorkloadMain() {
    assertThat(JavaModels.MAIN_CLASS).isEqualTo(WorkloadMain.class.getName());
  }

  private static JavaModel provider(ModelDeclaration declaration) {
    return new JavaModel() {
      @Override
      public ModelDeclaration declaration() {
        return declaration;
      }

      @Override
      public WorkloadModel create(WorkloadSpec spec) {
        throw new UnsupportedOperationException("never created");
      }
    };
  }

  @ParameterizedTest
  @MethodSource("ids")
  void fetchesParsesAndAggregatesEveryDay(String id) throws Exception {
    try (FixtureServer server = new FixtureServer(Duration.ofMillis(20))) {
      WorkloadSpec spec = withTwoWorkers(server.spec(id, 20, 4));
      WorkloadResult result = Runs.run(spec);

      assertThat(result.model()).isEqualTo(id);
      assertThat(result.requested()).isEqualTo(20);
      assertThat(result.ok()).isEqualTo(20);
      assertThat(result.failed()).isEmpty();
      assertThat(result.exitCode()).isZero();
      assertThat(result.aggregate()).isEqualTo(FixtureServer.expected(spec));
      assertThat(result.latency().count()).isEqualTo(20);
      assertThat(result.latency().minUs()).isGreaterThanOrEqualTo(20_000); // the server's delay
      assertThat(result.requestPhase()).isGreaterThan(Duration.ZERO);
      assertThat(result.endedAt()).isAfterOrEqualTo(result.startedAt());
      assertThat(result.details())
          .containsEntry("client", "jdk.httpclient/HTTP/1.1")
          .containsEntry("connections", "shared")
          .containsKey("peakThreads");
      assertThat(server.requests()).isEqualTo(20);
    }
  }

  @ParameterizedTest
  @MethodSource("ids")
  void countsFailuresByCauseWithoutRetrying(String id) throws Exception {
    try (FixtureServer server = new FixtureServer(Duration.ofMillis(10))) {
      LocalDate start = FixtureServer.START;
      server.fault(start.plusDays(2), FixtureServer.Fault.STATUS_503)
          .fault(start.plusDays(5), FixtureServer.Fault.CLOSE)
          .fault(start.plusDays(7), FixtureServer.Fault.GARBAGE)
          .fault(start.plusDays(11), FixtureServer.Fault.WRONG_DAY);
      WorkloadSpec spec = withTwoWorkers(server.spec(id, 12, 3));
      WorkloadResult result = Runs.run(spec);

      assertThat(result.failed()).isEqualTo(Map.of(
          "http-503", 1, FailureCause.CLOSED, 1, FailureCause.BAD_BODY, 2));
      assertThat(result.ok()).isEqualTo(8);
      assertThat(result.exitCode()).isEqualTo(1);
      Set<LocalDate> faulted = Set.of(start.plusDays(2), start.plusDays(5), start.plusDays(7), start.plusDays(11));
      assertThat(result.aggregate()).isEqualTo(FixtureServer.expected(spec).stream()
          .filter(day -> !faulted.contains(day.date())).toList());
      assertThat(result.aggregate()).extracting(DayAggregate::date).isSorted();
    }
  }

  @ParameterizedTest
  @MethodSource("ids")
  void aRefusedConnectionIsConnectRefused(String id) throws Exception {
    try (FixtureServer server = new FixtureServer(Duration.ZERO)) {
      WorkloadSpec spec = withTwoWorkers(server.spec(id, 3, 3)).withTarget(Runs.closedPort());
      WorkloadResult result = Runs.run(spec);

      assertThat(result.ok()).isZero();
      assertThat(result.failed()).isEqualTo(Map.of(FailureCause.CONNECT_REFUSED, 3));
      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.latency()).isEqualTo(faremark.contract.LatencySummary.EMPTY);
    }
  }

  /**
   * The request deadline (connect included: the JDK client's request timer runs from the send)
   * must separate the answers that never come from the ones that come, on a loaded machine too.
   * The faulty days hang for minutes, so any deadline catches them; what it must clear is a
   * normal request's worst case, a cold client's first one: the first request of this test JVM
   * (sequential runs first) or of a just-started worker JVM (multi-process). Measured at load
   * average 7–10 on 2 cores: up to {@value #COLD_REQUEST_MS} ms (the test prints it). 400 ms, the
   * old deadline, was overrun there: a normal day counted as a timeout, a faulty one as a connect
   * timeout. Five times that worst case; the hung days wait it out, once per model (twice for
   * sequential).
   */
  static final long COLD_REQUEST_MS = 600;

  @ParameterizedTest
  @MethodSource("ids")
  void aSlowResponseOrAStalledBodyIsATimeout(String id) throws Exception {
    try (FixtureServer server = new FixtureServer(Duration.ofMillis(5))) {
      server.fault(FixtureServer.START.plusDays(1), FixtureServer.Fault.HANG)
          .fault(FixtureServer.START.plusDays(2), FixtureServer.Fault.STALL_BODY);
      Duration deadline = Duration.ofMillis(5 * COLD_REQUEST_MS);
      WorkloadSpec spec = withRequestTimeout(withTwoWorkers(server.spec(id, 4, 2)), deadline);
      long started = System.nanoTime();
      WorkloadResult result = Runs.run(spec);
      System.out.printf("%s: slowest ok request %.1f ms, run %d ms, deadline %s%n", id,
          result.latency().maxUs() / 1000.0, (System.nanoTime() - started) / 1_000_000, deadline);

      assertThat(result.failed()).isEqualTo(Map.of(FailureCause.TIMEOUT, 2));
      assertThat(result.ok()).isEqualTo(2);
    }
  }

  private static FixtureServer newServer(Duration delay) {
    try {
      return new FixtureServer(delay);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
