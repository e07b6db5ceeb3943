package faremark.orchestrator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faremark.orchestrator.scenario.ScenarioException.Problem;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The sweep section: points, defaults, what each point becomes, and every mistake located. */
class SweepBinderTest {
  private static final MachineFacts SMALL = new MachineFacts(OptionalLong.of(1024),
      OptionalLong.of(1024), Optional.of(List.of(32768, 60999)), OptionalLong.of(4L << 30));

  private static Scenario parse(String yaml) throws ScenarioException {
    return ScenarioLoader.parse(yaml, "sweep.yaml", Optional.empty());
  }

  private static List<Problem> problems(String yaml, MachineFacts machine) {
    try {
      ScenarioLoader.parse(yaml, "sweep.yaml", Optional.empty(), machine);
    } catch (ScenarioException e) {
      return e.problems();
    }
    throw new AssertionError("expected problems in:\n" + yaml);
  }

  @Test
  void aListOfConcurrenciesGrowsTheJobAndThePoolAtEachPointWithSweepDefaults() throws Exception {
    Scenario s = parse("""
        job: {days: 50}
        models: [async, py-asyncio]
        sweep:
          parameter: client.concurrency
          values: [1, 10, 100, 1000]
        """);
    Sweep sw = s.sweep().orElseThrow();
    assertThat(sw.parameter()).isEqualTo(SweepParameter.CONCURRENCY);
    assertThat(sw.values()).containsExactly(1, 10, 100, 1000);
    assertThat(sw.order()).isEqualTo(SweepOrder.INTERLEAVED);
    assertThat(sw.barrier()).as("on by default over concurrency").isTrue();
    assertThat(sw.barrierTimeout()).isEqualTo(Sweep.BARRIER_TIMEOUT);
    assertThat(s.repetitions()).as("the sweep's default").isEqualTo(Sweep.REPETITIONS);
    Scenario last = s.atPoint(3, Sweep.DEFAULT_HEAP);
    assertThat(last.client().concurrency()).isEqualTo(1000);
    assertThat(last.client().poolSize()).as("the default pool follows").isEqualTo(1000);
    assertThat(last.job().days()).as("one request per slot").isEqualTo(1000);
    assertThat(s.atPoint(1, Sweep.DEFAULT_HEAP).job().days()).isEqualTo(50);
    assertThat(last.sweep()).isEmpty();
    assertThat(s.runCount()).isEqualTo(4 * 2 * 6);
  }

  @Test
  void aGeometricGridIsSpreadEvenlyOnALogAxisAndResolvesToItsValues() throws Exception {
    Scenario s = parse("""
        models: [async]
        repetitions: 2
        sweep: {parameter: client.concurrency, from: 10, to: 10000, points: 4, order: shuffled,
                seed: 7, barrier: false, barrierTimeout: 5s}
        """);
    Sweep sw = s.sweep().orElseThrow();
    assertThat(sw.values()).containsExactly(10, 100, 1000, 10000);
    assertThat(sw.order()).isEqualTo(SweepOrder.SHUFFLED);
    assertThat(sw.seed()).isEqualTo(7);
    assertThat(sw.barrier()).isFalse();
    assertThat(sw.barrierTimeout()).isEqualTo(Duration.ofSeconds(5));
    String yaml = s.toYaml();
    assertThat(yaml).contains("parameter: client.concurrency").contains("days:")
        .doesNotContain("points:");
    assertThat(ScenarioLoader.parse(yaml, "sweep.yaml", Optional.empty())).isEqualTo(s);
  }

  @Test
  void anotherParameterIsOneEntryOfTheRegistry() throws Exception {
    Scenario s = parse("""
        models: [thread-pool]
        client: {concurrency: 50}
        sweep: {parameter: client.poolSize, values: [5, 50], javaHeap: [default, 256MiB]}
        """);
    Scenario small = s.atPoint(0, "256MiB");
    assertThat(small.client().poolSize()).isEqualTo(5);
    assertThat(small.client().concurrency()).isEqualTo(50);
    assertThat(small.jvmArgs()).containsExactly("-Xms256m", "-Xmx256m");
    assertThat(s.sweep().orElseThrow().barrier()).as("off by default elsewhere").isFalse();
    assertThat(s.runCount()).isEqualTo(2 * 2 * 6);
  }

  @Test
  void theRoundTripIsSweptOnTheProxyWithJitterBandwidthAndOwnToxicsKept() throws Exception {
    Scenario s = parse("""
        models: [async]
        network:
          rtt: 40ms
          jitter: 10ms
          bandwidth: 1MB/s
          toxics: [{name: cut, type: limit_data, stream: downstream, attributes: {bytes: 100000}}]
        sweep: {parameter: network.rtt, values: [0, 150ms, 300]}
        """);
    Sweep sw = s.sweep().orElseThrow();
    assertThat(sw.parameter().stageWide()).isTrue();
    assertThat(sw.values()).containsExactly(0, 150, 300);
    assertThat(sw.barrier()).as("a barrier proves concurrency; off for other parameters").isFalse();
    Network at = s.atPoint(1, Sweep.DEFAULT_HEAP).network();
    assertThat(at.meanRoundTrip()).isEqualTo(Duration.ofMillis(150));
    assertThat(at.expandedFrom().asText()).containsEntry("rtt", "150ms")
        .containsEntry("jitter", "10ms").containsEntry("bandwidth", "1MB/s");
    assertThat(at.toxics()).extracting(t -> t.name()).containsExactly("rtt_upstream",
        "rtt_downstream", "bandwidth_upstream", "bandwidth_downstream", "cut");
    assertThat(s.atPoint(0, Sweep.DEFAULT_HEAP).network().meanRoundTrip()).isZero();
    assertThat(s.network().meanRoundTrip()).as("the scenario itself keeps its own")
        .isEqualTo(Duration.ofMillis(40));
    assertThat(s.atPoint(2, Sweep.DEFAULT_HEAP).client()).isEqualTo(s.client());
    String yaml = s.toYaml();
    assertThat(ScenarioLoader.parse(yaml, "sweep.yaml", Optional.empty())).isEqualTo(s);
  }

  @Test
  void roundTripValuesAreWholeMillisecondsAndAGridStartsAboveZero() {
    List<Problem> p = problems("""
        models: [async]
        sweep:
          parameter: network.rtt
          values: [-5, 1.5ms, soon, 20ms]
        """, MachineFacts.UNKNOWN);
    assertThat(p).extracting(Problem::field)
        .containsExactly("sweep.values[0]", "sweep.values[1]", "sweep.values[2]");
    assertThat(p.get(0).message()).contains("whole milliseconds >= 0").contains("network.rtt");
    assertThat(problems("sweep: {parameter: network.rtt, from: 0, to: 100, points: 3}\n",
        MachineFacts.UNKNOWN)).extracting(Problem::message)
        .anyMatch(m -> m.contains("starts above 0"));
    assertThat(problems("sweep: {parameter: client.concurrency, values: [10ms]}\n",
        MachineFacts.UNKNOWN)).extracting(Problem::message)
        .anyMatch(m -> m.contains("expected a whole number >= 1 for client.concurrency"));
  }

  @Test
  void aToxicWithTheShorthandsNameIsRefusedAtTheParameter() {
    List<Problem> p = problems("""
        models: [async]
        network:
          toxics: [{name: rtt_upstream, type: latency, stream: upstream, attributes: {latency: 5}}]
        sweep: {parameter: network.rtt, values: [10, 20]}
        """, MachineFacts.UNKNOWN);
    assertThat(p).singleElement().satisfies(x -> {
      assertThat(x.field()).isEqualTo("sweep.parameter");
      assertThat(x.message()).contains("already has a toxic named rtt_upstream");
    });
  }

  @Test
  void aScenarioWithoutASweepResolvesAsBefore() throws Exception {
    Scenario s = parse("models: [async]\n");
    assertThat(s.sweep()).isEmpty();
    assertThat(s.repetitions()).isEqualTo(ScenarioDefaults.REPETITIONS);
    assertThat(s.toYaml()).doesNotContain("sweep:");
  }

  @Test
  void anUnknownParameterNamesTheKnownOnesAtItsLine() {
    List<Problem> p = problems("""
        models: [async]
        sweep:
          parameter: client.banana
          values: [1, 2]
        """, MachineFacts.UNKNOWN);
    assertThat(p).hasSize(1);
    assertThat(p.get(0).field()).isEqualTo("sweep.parameter");
    assertThat(p.get(0).line()).isEqualTo(3);
    assertThat(p.get(0).message())
        .contains("client.concurrency, client.poolSize, client.processes, network.rtt")
        .contains("client.banana");
  }

  @Test
  void badValuesAreEachLocated() {
    List<Problem> p = problems("""
        models: [async]
        sweep:
          parameter: client.concurrency
          values: [10, 0, 2.5, ten, 20]
          order: random
          javaHeap: [default, lots]
        """, MachineFacts.UNKNOWN);
    assertThat(p).extracting(Problem::field).containsExactly(
        "sweep.values[1]", "sweep.values[2]", "sweep.values[3]", "sweep.order", "sweep.javaHeap[1]");
    assertThat(p.get(0).message()).contains("expected a whole number >= 1 for client.concurrency");
    assertThat(p.get(3).message()).contains("interleaved, shuffled");
  }

  @Test
  void aRepeatedValueAGridWithoutPointsAndBothFormsAreRefused() {
    assertThat(problems("sweep: {parameter: client.concurrency, values: [5, 5]}\n", MachineFacts.UNKNOWN))
        .extracting(Problem::message).anyMatch(m -> m.contains("repeat a value"));
    assertThat(problems("sweep: {parameter: client.concurrency, from: 1, to: 9}\n", MachineFacts.UNKNOWN))
        .extracting(Problem::message).anyMatch(m -> m.contains("needs points"));
    assertThat(problems("sweep: {parameter: client.concurrency, values: [1], from: 1}\n", MachineFacts.UNKNOWN))
        .extracting(Problem::message).anyMatch(m -> m.contains("not both"));
    assertThat(problems("sweep: {parameter: client.concurrency, from: 1, to: 3, points: 5}\n",
        MachineFacts.UNKNOWN)).extracting(Problem::message)
        .anyMatch(m -> m.contains("once rounded to whole numbers"));
  }

  @Test
  void thePointAMachineCannotHoldIsRefusedBeforeAnythingStarts() {
    List<Problem> p = problems("""
        models: [async]
        sweep:
          parameter: client.concurrency
          values: [10, 100, 5000]
        """, SMALL);
    // one problem per process that cannot hold its share (the workload, the fare server), every
    // one at the point that needs it
    assertThat(p).isNotEmpty().allSatisfy(one -> {
      assertThat(one.field()).isEqualTo("sweep.values[2]");
      assertThat(one.line()).isEqualTo(4);
      assertThat(one.message()).startsWith("at the point client.concurrency = 5000 (5000 days):")
          .contains("open files");
    });
    assertThat(p).extracting(Problem::message).anyMatch(m -> m.contains("in the workload"));
  }

  @Test
  void firstUseRunsAndAWrongDaysListAreRefused() {
    assertThatThrownBy(() -> parse("""
        sweep: {parameter: client.concurrency, values: [1, 2]}
        run: {firstUse: {runs: 1}}
        """)).isInstanceOf(ScenarioException.class).hasMessageContaining("not made in a sweep");
    assertThatThrownBy(() -> parse("""
        job: {days: 10}
        sweep: {parameter: client.concurrency, values: [1, 20], days: [10, 10]}
        """)).isInstanceOf(ScenarioException.class).hasMessageContaining("must be [10, 20]");
  }
}
