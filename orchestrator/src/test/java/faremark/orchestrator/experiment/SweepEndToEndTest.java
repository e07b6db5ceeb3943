package faremark.orchestrator.experiment;

import static faremark.orchestrator.experiment.InProcessExperiment.onlyResultsDir;
import static faremark.orchestrator.experiment.InProcessExperiment.request;
import static faremark.orchestrator.experiment.InProcessExperiment.runner;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import faremark.contract.Json;
import faremark.orchestrator.backend.local.CgroupSupport;
import faremark.orchestrator.Requirement;
import faremark.orchestrator.results.ResultsReader;
import faremark.orchestrator.results.sweep.SlopeFit;
import faremark.orchestrator.results.sweep.SweepAnalyzer;
import faremark.orchestrator.results.sweep.SweepAnalysis;
import faremark.orchestrator.results.sweep.SweepComparison;
import faremark.orchestrator.results.RunData;
import faremark.orchestrator.results.RunRecord;
import org.assertj.core.data.Percentage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small sweep over concurrency of {@code fixed-bytes} (K touched native bytes per request in
 * flight) on the local backend, end to end: every run at its point with the job grown to one
 * request per slot, the fare server's barrier proving that N requests were in service at once,
 * the breakdown read at the release, and the sweep's own fit (the one {@code sweep.json} and the
 * report show) finding K: a peak slope within 5 % of K, and, against the same model holding
 * nothing ({@code compare}'s bootstrap of the difference), an interval consistent with K.
 *
 * <p>Why K is 8 MiB: the slope is K plus what one request costs the model on its own (a virtual
 * thread, a socket, its buffers and the garbage of its parse: tens of KiB, see docs/sweep.md).
 * At 8 MiB that is under 1 % of K, so the test checks the method (barrier, sampling, fit), not
 * the virtual-thread model.
 */
class SweepEndToEndTest {
  static final long K = 8L << 20;
  /**
   * What the kernel charges for K touched bytes held in a malloc'd block besides K: the block's
   * header page (glibc maps a block this large on its own, a page more than asked) in anonymous
   * memory, and the page tables (8 bytes per 4 KiB page, K / 512) in kernel memory.
   */
  static final long MALLOC_PAGE = 4096;
  static final int[] POINTS = {10, 55, 100};
  /** The sweeps' default: from about 6 runs a point the slope's bootstrap interval is calibrated. */
  static final int REPETITIONS = 6;
  /**
   * The heap pinned and touched before {@code ready}: the JVM's heap then weighs the same at every
   * point, and what grows with N is K and the little a request holds outside the heap (its
   * socket, its share of the client's buffers). With the JVM's ergonomics the heap grows with the
   * garbage of N parses too, by tens of KiB per request and unevenly from run to run. K is held
   * in direct buffers, which the JVM caps at the heap size unless told otherwise.
   */
  static final String HEAP_TOUCHED_AT_START = "-Xms192m, -Xmx192m, -XX:+AlwaysPreTouch, -XX:MaxDirectMemorySize=2g, ";

  @TempDir Path tmp;

  /**
   * What a block of K bytes may cost besides K in anonymous memory: malloc's header page and
   * whatever else the allocator and the kernel keep per block. Measured in four pairs of sweeps,
   * the anonymous difference ranged from 22 KiB below K to 43 KiB above it (within 0.6 %);
   * docs/sweep.md has the figures.
   */
  static final double BOOKKEEPING = 0.01;

  /**
   * The interval must be consistent with K: it reaches the band from K to K plus at most 1 % of
   * bookkeeping ({@link #BOOKKEEPING}). A 95 % interval misses its truth one time in twenty by
   * its definition, so when the first pair of sweeps misses, a second, fresh pair is made; both
   * missing fails. Every other check holds for each pair.
   */
  @Test
  void theSweepFindsKAsTheCostOfOneMoreRequestInFlight() throws Exception {
    CgroupSupport support = CgroupSupport.detect();
    Requirement.CGROUP.require(support.available(), "SweepEndToEndTest",
        () -> "no cgroup can be made here: " + support.describe());
    SweepComparison.SlopeDiff anon = pair("a");
    if (!holdsK(anon)) {
      System.out.printf(Locale.ROOT, "the first pair's interval [%.1f, %.1f] KiB missed K; a"
          + " second, fresh pair%n", anon.low() / 1024, anon.high() / 1024);
      anon = pair("b");
    }
    assertThat(holdsK(anon)).as("[%s, %s] reaches [K, K + 1 %%] (K = %d) in one of two pairs"
        + " of sweeps", anon.low(), anon.high(), K).isTrue();
  }

  private static boolean holdsK(SweepComparison.SlopeDiff d) {
    return d.low() <= K * (1 + BOOKKEEPING) && K <= d.high();
  }

  /**
   * Sweeps K and 0, checks the K sweep's own fit and the difference of their peaks, and returns
   * the difference of their anonymous memory at full in-flight: what K adds, without the
   * model's other per-request costs (both sweeps have them) and without the kernel's page tables
   * for K (which the peak rightly counts), so its truth is K and the allocator's bookkeeping
   * per block ({@link #MALLOC_PAGE} at least, {@link #BOOKKEEPING} at most).
   */
  private SweepComparison.SlopeDiff pair(String name) throws Exception {
    Path without = sweep(name + "-k0", 0);
    Path with = sweep(name + "-k8m", K);
    SlopeFit fit = SweepAnalyzer.of(ResultsReader.read(with)).orElseThrow()
        .model("fixed-bytes").peakFit();
    SlopeFit own = SweepAnalyzer.of(ResultsReader.read(without)).orElseThrow()
        .model("fixed-bytes").peakFit();
    List<SweepComparison.SlopeDiff> diffs = SweepComparison.of(records(without), records(with),
        SweepAnalysis.DEFAULT_SEED, SweepAnalysis.DEFAULT_RESAMPLES).slopes();
    SweepComparison.SlopeDiff peak = figure(diffs, "peakBytes");
    SweepComparison.SlopeDiff anon = figure(diffs, "atFullInFlight.anon");
    System.out.printf(Locale.ROOT, "fixed-bytes, K = %d KiB: peak slope %.1f KiB per extra request"
            + " in flight [%.1f, %.1f] (R2 %.4f); with K = 0: %.1f KiB [%.1f, %.1f]; the"
            + " difference %.1f KiB [%.1f, %.1f]; anonymous at full in-flight, the difference"
            + " %.1f KiB [%.1f, %.1f]%n", K >> 10, fit.slope() / 1024,
        fit.slopeLow() / 1024, fit.slopeHigh() / 1024, fit.r2(), own.slope() / 1024,
        own.slopeLow() / 1024, own.slopeHigh() / 1024, peak.difference() / 1024,
        peak.low() / 1024, peak.high() / 1024, anon.difference() / 1024, anon.low() / 1024,
        anon.high() / 1024);
    assertThat(fit.runs()).isEqualTo(POINTS.length * REPETITIONS);
    // The peak's slope is K plus what a request holds besides: a socket, a virtual thread, the
    // kernel's page tables for K (16 KiB) and malloc's page; within 5 % of K is the bound.
    assertThat(fit.slope()).isCloseTo((double) K, Percentage.withPercentage(5));
    assertThat(fit.r2()).isGreaterThan(0.999);
    assertThat(peak.difference()).isCloseTo((double) K, Percentage.withPercentage(5));
    // The anonymous difference's truth is K and a little bookkeeping: within 2 % of K, not 5 %.
    assertThat(anon.difference()).isCloseTo((double) K + MALLOC_PAGE, Percentage.withPercentage(2));
    assertThat(anon.high() - anon.low()).as("[%s, %s] narrower than 5 %% of K", anon.low(),
        anon.high()).isPositive().isLessThan(K * 0.05);
    return anon;
  }

  private static SweepComparison.SlopeDiff figure(List<SweepComparison.SlopeDiff> diffs, String id) {
    return diffs.stream().filter(d -> d.figure().equals(id)).findFirst().orElseThrow(
        () -> new AssertionError("no " + id + " in the comparison: " + diffs));
  }

  /**
   * Sweeps {@code fixed-bytes} holding {@code bytes} per request over {@link #POINTS} in its own
   * results root, checks every run (verified, at its point, its barrier reached at N, the
   * breakdown holding N x bytes) and returns its results folder.
   */
  private Path sweep(String name, long bytes) throws Exception {
    // The service time is only the window, after the barrier's release, in which the breakdown
    // is read with all N requests holding K: the orchestrator sees the release within one
    // barrier poll (20 ms) and reads on its next sample (10 ms). 500 ms is more than ten times
    // that, and half a second less for each of the 36 runs than the 1 s it was; a read that
    // came too late would fail the check below (anon > N x K), never pass it.
    Path root = Files.createDirectories(tmp.resolve(name));
    Path scenario = root.resolve("sweep.yaml");
    Files.writeString(scenario, """
        name: sweep-fixed-bytes-%s
        job: {route: {from: PRG, to: BRQ}, startDate: 2018-06-01, days: 1}
        server: {serviceTime: 500ms, payload: 256B}
        client: {connectTimeout: 30s, requestTimeout: 60s}
        models: [fixed-bytes]
        repetitions: %d
        sweep: {parameter: client.concurrency, values: %s, order: shuffled, seed: 7, barrierTimeout: 20s}
        run: {timeout: 2m, preflight: false, jvmArgs: [%s-Dfaremark.bytesPerRequest=%dB]}
        """.formatted(name, REPETITIONS, Arrays.toString(POINTS), HEAP_TOUCHED_AT_START, bytes));
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    int exit = runner(console).execute(request(scenario, root));
    String printed = console.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(printed).isZero();

    Path dir = onlyResultsDir(root);
    int runsSeen = 0;
    try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
      for (Path runDir : runs.sorted().toList()) {
        JsonNode run = Json.mapper().readTree(runDir.resolve("run.json").toFile());
        assertThat(run.path("outcome").asText()).as(run.path("reason").asText()).isEqualTo("ok");
        int n = run.path("sweep").path("value").asInt();
        assertThat(run.path("sweep").path("parameter").asText()).isEqualTo("client.concurrency");
        assertThat(runDir.getFileName().toString()).contains("-fixed-bytes-c" + n + "-r");
        // one request per slot: the job grew from 1 day to n
        assertThat(run.path("result").path("ok").asInt()).isEqualTo(n);
        assertThat(run.path("result").path("details").path("bytesPerRequest").asLong())
            .isEqualTo(bytes);
        JsonNode inFlight = run.path("inFlight");
        assertThat(inFlight.path("reached").asBoolean()).as(inFlight.toString()).isTrue();
        assertThat(inFlight.path("target").asInt()).isEqualTo(n);
        assertThat(inFlight.path("atRelease").asInt()).isEqualTo(n);
        JsonNode breakdown = run.path("breakdown");
        assertThat(breakdown.path("atFullInFlight").path("anon").asLong())
            .as("n requests hold n x K native bytes at the release: %s", breakdown)
            .isGreaterThan(n * bytes);
        assertThat(breakdown.path("atPeak").path("total").asLong()).isPositive();
        runsSeen++;
      }
    }
    assertThat(runsSeen).isEqualTo(POINTS.length * REPETITIONS);
    return dir;
  }

  private static List<RunRecord> records(Path dir) throws Exception {
    return ResultsReader.read(dir).runs().stream().map(RunData::record).toList();
  }
}
