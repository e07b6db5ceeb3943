package faremark.orchestrator.results.sweep;

import faremark.orchestrator.results.InFlight;
import faremark.orchestrator.results.MemoryBreakdown;
import faremark.orchestrator.results.Outcome;
import faremark.orchestrator.results.ResultsFixture;
import faremark.orchestrator.results.RunRecord;
import faremark.orchestrator.results.SummaryFixture;
import faremark.orchestrator.results.SweepPoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

/**
 * Synthetic sweep runs whose figures follow y = a + K·N (+ a shape, for a step or a curve) +
 * noise, with a fixed noise seed, written as a results folder the way the runner lays one out.
 * Runs are interleaved as the runner orders them (every point of every model in a repetition).
 */
public final class SweepFixture {
  public static final String PARAMETER = "client.concurrency";
  public static final List<Integer> POINTS = List.of(10, 100, 500, 1000, 2000, 5000);
  static final long MIB = SummaryFixture.MIB;

  /** A model's true line and noise. Kernel bytes per request: {@code kernelK}, part of total. */
  public record Truth(String model, double a, double k, double kernelK, double noiseSd,
      DoubleUnaryOperator shape) {
    public static Truth line(String model, double a, double k, double noiseSd) {
      return new Truth(model, a, k, k / 4, noiseSd, n -> 0);
    }
  }

  static final String SCENARIO = """
      name: sweep-fixture
      description: "Synthetic sweep: memory a + K·N + noise per model."
      job: {route: {from: PRG, to: BRQ}, startDate: 2018-06-01, days: 100}
      server: {serviceTime: 3s, payload: 8KiB}
      client: {concurrency: 10}
      models: [virtual-threads, thread-pool]
      repetitions: 6
      """;

  private SweepFixture() {}

  /** {@code reps} runs at every point of {@code points} for every model, all ok and verified. */
  public static List<RunRecord> runs(List<Truth> models, List<Integer> points, int reps, long seed) {
    Random noise = new Random(seed);
    List<RunRecord> runs = new ArrayList<>();
    int index = 1;
    for (int rep = 1; rep <= reps; rep++) {
      for (int p = 0; p < points.size(); p++) {
        for (Truth t : models) {
          int n = points.get(p);
          double extra = t.shape().applyAsDouble(n);
          long total = Math.round(t.a() + t.k() * n + extra + noise.nextGaussian() * t.noiseSd());
          long kernel = Math.round(8 * MIB + t.kernelK() * n + noise.nextGaussian() * t.noiseSd() / 4);
          long peak = total + Math.round(2 * MIB + Math.abs(noise.nextGaussian()) * MIB);
          RunRecord base = SummaryFixture.ok(index, t.model(), rep, 3_000.0 + n * 0.2,
              4_000.0 + n * 0.2, peak, (long) t.a(), 1_000, 3_000_000, 3_100_000, n);
          runs.add(with(base, String.format("%03d-%s-n%d-r%d", index, t.model(), n, rep),
              new SweepPoint(PARAMETER, n, p), new InFlight(n, n, true, null),
              breakdown(total, kernel)));
          index++;
        }
      }
    }
    return runs;
  }

  static MemoryBreakdown breakdown(long total, long kernel) {
    Map<String, Long> at = new LinkedHashMap<>();
    at.put("anon", total - kernel - 4 * MIB);
    at.put("file", 4 * MIB);
    at.put("kernel", kernel);
    at.put("total", total);
    return new MemoryBreakdown("cgroup v2 memory.stat (fixture)", at, at,
        Map.of("kernelStack", "fixture: not given"));
  }

  /** {@code run} with another id and the three sweep components. */
  public static RunRecord with(RunRecord r, String runId, SweepPoint sweep, InFlight inFlight,
      MemoryBreakdown breakdown) {
    return new RunRecord(r.index(), runId, r.model(), r.repetition(), r.outcome(), r.reason(),
        r.exitCode(), r.launchedAt(), r.processWallMs(), r.readyAtMs(), r.doneAtMs(), r.result(),
        r.verification(), r.memory(), r.server(), r.command(), r.interpreter(), r.warmup(), r.cpu(),
        sweep, inFlight, breakdown, r.latencyLog(), r.engine());
  }

  /** {@code r} as a run whose fare server released at {@code atRelease} of its target. */
  public static RunRecord notReached(RunRecord r, int atRelease) {
    InFlight f = new InFlight(r.inFlight().target(), atRelease, false, "the fare server had "
        + atRelease + " of " + r.inFlight().target() + " requests in service when its barrier"
        + " timed out");
    return with(r, r.runId(), r.sweep(), f, r.breakdown());
  }

  /** {@code r} ended as {@code outcome}. */
  public static RunRecord ended(RunRecord r, Outcome outcome, String reason) {
    return new RunRecord(r.index(), r.runId(), r.model(), r.repetition(), outcome, reason,
        r.exitCode(), r.launchedAt(), r.processWallMs(), r.readyAtMs(), r.doneAtMs(), r.result(),
        r.verification(), r.memory(), r.server(), r.command(), r.interpreter(), r.warmup(), r.cpu(),
        r.sweep(), r.inFlight(), r.breakdown(), r.latencyLog(), r.engine());
  }

  /** The two fixture models: virtual-threads ~100 KiB per request, thread-pool ~270 KiB. */
  public static List<Truth> twoModels() {
    return List.of(Truth.line("virtual-threads", 60 * MIB, 100 * 1024, 3 * MIB),
        Truth.line("thread-pool", 50 * MIB, 270 * 1024, 4 * MIB));
  }

  /**
   * The golden files' folder: both models at 10, 100, 1,000 and 2,000 in flight, 3 runs each,
   * and a fourth run of virtual-threads at 2,000 whose fare server released at 1,480 in flight.
   */
  public static Path writeGolden(Path dir) throws Exception {
    List<RunRecord> runs = new ArrayList<>(runs(twoModels(), List.of(10, 100, 1000, 2000), 3, 9));
    RunRecord last = runs.get(runs.size() - 2); // virtual-threads at 2,000, repetition 3
    RunRecord fourth = with(last, String.format("%03d-virtual-threads-n2000-r4", runs.size() + 1),
        last.sweep(), last.inFlight(), last.breakdown());
    runs.add(notReached(new RunRecord(runs.size() + 1, fourth.runId(), fourth.model(), 4,
        fourth.outcome(), fourth.reason(), fourth.exitCode(), fourth.launchedAt(),
        fourth.processWallMs(), fourth.readyAtMs(), fourth.doneAtMs(), fourth.result(),
        fourth.verification(), fourth.memory(), fourth.server(), fourth.command(), null, null,
        null, fourth.sweep(), fourth.inFlight(), fourth.breakdown(), null, null), 1480));
    return write(dir, runs);
  }

  /** A results folder of {@link #twoModels()} at {@link #POINTS}, 6 runs each. */
  public static Path write(Path dir, List<RunRecord> runs) throws Exception {
    ResultsFixture.write(dir, SCENARIO, runs);
    return dir;
  }
}
