package faremark.orchestrator.experiment;

import static faremark.orchestrator.experiment.InProcessExperiment.onlyResultsDir;
import static faremark.orchestrator.experiment.InProcessExperiment.request;
import static faremark.orchestrator.experiment.InProcessExperiment.runner;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import faremark.contract.Json;
import faremark.orchestrator.backend.local.CgroupSupport;
import faremark.orchestrator.Requirement;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small sweep over concurrency of {@code fixed-bytes} (K touched native bytes per request in
 * flight) on the local backend, end to end: every run at its point with the job grown to one
 * request per slot, the fare server's barrier proving that N requests were in service at once,
 * the breakdown read at the release, and the peak rising by about K per extra request (a plain
 * least-squares slope over the runs; the sweep's own fit and its interval come with the report).
 */
class SweepEndToEndTest {
  static final long K = 1L << 20;
  static final int[] POINTS = {10, 100, 200};

  @TempDir Path tmp;

  @Test
  void peakMemoryRisesByAboutKPerExtraRequestInFlight() throws Exception {
    CgroupSupport support = CgroupSupport.detect();
    Requirement.CGROUP.require(support.available(), "SweepEndToEndTest",
        () -> "no cgroup can be made here: " + support.describe());
    Path scenario = tmp.resolve("sweep.yaml");
    Files.writeString(scenario, """
        name: sweep-fixed-bytes
        job: {route: {from: PRG, to: BRQ}, startDate: 2018-06-01, days: 1}
        server: {serviceTime: 1s, payload: 256B}
        client: {connectTimeout: 30s, requestTimeout: 60s}
        models: [fixed-bytes]
        repetitions: 2
        sweep: {parameter: client.concurrency, values: [10, 100, 200], barrierTimeout: 20s}
        run: {timeout: 2m, preflight: false, jvmArgs: [-Dfaremark.bytesPerRequest=1MiB]}
        """);
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    int exit = runner(console).execute(request(scenario, tmp));
    String printed = console.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(printed).isZero();

    Path dir = onlyResultsDir(tmp);
    List<double[]> xy = new ArrayList<>();
    try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
      for (Path runDir : runs.sorted().toList()) {
        JsonNode run = Json.mapper().readTree(runDir.resolve("run.json").toFile());
        assertThat(run.path("outcome").asText()).as(run.path("reason").asText()).isEqualTo("ok");
        int n = run.path("sweep").path("value").asInt();
        assertThat(run.path("sweep").path("parameter").asText()).isEqualTo("client.concurrency");
        assertThat(runDir.getFileName().toString()).contains("-fixed-bytes-c" + n + "-r");
        // one request per slot: the job grew from 1 day to n
        assertThat(run.path("result").path("ok").asInt()).isEqualTo(n);
        assertThat(run.path("result").path("details").path("bytesPerRequest").asLong()).isEqualTo(K);
        JsonNode inFlight = run.path("inFlight");
        assertThat(inFlight.path("reached").asBoolean()).as(inFlight.toString()).isTrue();
        assertThat(inFlight.path("target").asInt()).isEqualTo(n);
        assertThat(inFlight.path("atRelease").asInt()).isEqualTo(n);
        JsonNode breakdown = run.path("breakdown");
        assertThat(breakdown.path("atFullInFlight").path("anon").asLong())
            .as("n requests hold n x K native bytes at the release: %s", breakdown)
            .isGreaterThan(n * K);
        assertThat(breakdown.path("atPeak").path("total").asLong()).isPositive();
        xy.add(new double[] {n, run.path("memory").path("peakBytes").asDouble()});
      }
    }
    assertThat(xy).hasSize(POINTS.length * 2);
    double slope = slope(xy);
    System.out.printf(Locale.ROOT, "fixed-bytes: peak rises by %.1f KiB per extra request in"
        + " flight (K = %d KiB) over %d runs%n", slope / 1024, K >> 10, xy.size());
    // K plus what a virtual-thread request costs on its own (tens of KiB; see docs/sweep.md)
    assertThat(slope).isBetween(0.95 * K, 1.25 * K);
  }

  /** Ordinary least squares of y on x. */
  static double slope(List<double[]> xy) {
    double mx = xy.stream().mapToDouble(p -> p[0]).average().orElseThrow();
    double my = xy.stream().mapToDouble(p -> p[1]).average().orElseThrow();
    double sxy = 0;
    double sxx = 0;
    for (double[] p : xy) {
      sxy += (p[0] - mx) * (p[1] - my);
      sxx += (p[0] - mx) * (p[0] - mx);
    }
    return sxy / sxx;
  }
}
