package faremark.orchestrator.report;

import faremark.orchestrator.report.data.ReportData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import faremark.contract.Json;
import faremark.orchestrator.results.Golden;
import faremark.orchestrator.results.ResultsFixture;
import faremark.orchestrator.results.ResultsLayout;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything derived from a results folder's raw data: golden summaries and report data. */
class ReportWriterTest {
  @TempDir Path tmp;

  private ReportWriter.Written write(Path dir) throws Exception {
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    ReportWriter.Written w = ReportWriter.write(dir, new PrintStream(warnings, true, StandardCharsets.UTF_8));
    assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
    return w;
  }

  @Test
  void summaryJsonFromRawDataMatchesTheGoldenFile() throws Exception {
    Path dir = ResultsFixture.writeA(tmp.resolve("a"));
    write(dir);
    Golden.assertMatches("report/summary.json", Files.readString(dir.resolve(ResultsLayout.SUMMARY_JSON)));
  }

  @Test
  void summaryCsvFromRawDataMatchesTheGoldenFile() throws Exception {
    Path dir = ResultsFixture.writeA(tmp.resolve("a"));
    write(dir);
    Golden.assertMatches("report/summary.csv", Files.readString(dir.resolve(ResultsLayout.SUMMARY_CSV)));
  }

  @Test
  void reportDataMatchesTheGoldenFile() throws Exception {
    Path dir = ResultsFixture.writeA(tmp.resolve("a"));
    write(dir);
    Golden.assertMatches("report/report-data.json", Files.readString(dir.resolve(ResultsLayout.REPORT_DATA)));
  }

  @Test
  void regeneratingFromRawDataGivesByteIdenticalFiles() throws Exception {
    Path dir = ResultsFixture.writeA(tmp.resolve("a"));
    write(dir);
    List<String> derived = ResultsLayout.DERIVED;
    List<String> first = read(dir, derived);
    for (String f : derived) {
      Files.delete(dir.resolve(f));
    }
    write(dir);
    assertThat(read(dir, derived)).isEqualTo(first);
  }

  @Test
  void aFolderWithoutSweepRunsGetsNoSweepFilesNorSection() throws Exception {
    Path dir = ResultsFixture.writeA(tmp.resolve("a"));
    ReportWriter.Written w = write(dir);
    assertThat(w.data().sweep()).isNull();
    for (String f : ResultsLayout.SWEEP_DERIVED) {
      assertThat(dir.resolve(f)).doesNotExist();
    }
  }

  @Test
  void aSweepFolderGetsSweepFilesRebuiltByteIdenticalFromRawData() throws Exception {
    Path dir = faremark.orchestrator.results.sweep.SweepFixture.writeGolden(tmp.resolve("s"));
    ReportWriter.Written w = write(dir);
    assertThat(w.data().sweep()).isNotNull();
    List<String> first = read(dir, ResultsLayout.SWEEP_DERIVED);
    assertThat(first.get(0)).isEqualTo(faremark.orchestrator.results.sweep.SweepJson.write(w.data().sweep()));
    for (String f : ResultsLayout.SWEEP_DERIVED) {
      Files.delete(dir.resolve(f));
    }
    write(dir);
    assertThat(read(dir, ResultsLayout.SWEEP_DERIVED)).isEqualTo(first);
  }

  @Test
  void aSweepReportHasItsChartsTableAndThePublishedFiguresBesideIt() throws Exception {
    Path dir = faremark.orchestrator.results.sweep.SweepFixture.writeGolden(tmp.resolve("s"));
    ReportWriter.Written w = write(dir);
    String html = Files.readString(w.html());
    assertThat(html).contains("id=\"sweep\"", "Bytes per extra in-flight request",
        "Published sleeping-task figures", "jimblandy/context-switch", "Kołaczkowski",
        "025-virtual-threads-n2000-r4", "in-flight-not-reached");
    for (String id : List.of("sweep-memory-virtual-threads", "sweep-memory-thread-pool",
        "sweep-breakdown-virtual-threads", "sweep-request-phase")) {
      assertThat(html).contains("id=\"" + id + "\"");
      assertThat(dir.resolve(ResultsLayout.chartPng(id))).exists();
    }
  }

  @Test
  void aReportWithoutSweepRunsHasNoSweepSectionNorChart() throws Exception {
    Path dir = ResultsFixture.writeA(tmp.resolve("a"));
    String html = Files.readString(write(dir).html());
    assertThat(html).doesNotContain("sweep");
  }

  @Test
  void failedKilledAndCrashedRunsAreShownButNeverInAStatistic() throws Exception {
    Path dir = ResultsFixture.writeA(tmp.resolve("a"));
    ReportData data = write(dir).data();
    ReportData.ModelReport threadPool = data.models().get(1);
    assertThat(threadPool.ok()).isEqualTo(1);
    assertThat(threadPool.outcomes()).containsEntry("oom-killed", 1).containsEntry("failed-requests", 1);
    // the only ok run's 120 MiB, not the killed run's 256 MiB nor the failed run's 120
    assertThat(threadPool.peakMiB().n()).isEqualTo(1);
    assertThat(threadPool.peakMiB().median()).isEqualTo(120.0);
    assertThat(threadPool.medianRunId()).isEqualTo("005-thread-pool-r2");
    assertThat(threadPool.failedRequests()).containsEntry("timeout", 5);
    ReportData.ModelReport py = data.models().get(2);
    assertThat(py.ok()).isEqualTo(2);
    assertThat(py.peakMiB().max()).isEqualTo(32.0);
    assertThat(data.runs()).filteredOn(r -> !r.outcome().equals("ok")).noneMatch(ReportData.RunReport::median);
    ReportData.RunReport crashed = data.runs().stream().filter(r -> r.model().equals("py-asyncio")).findFirst().orElseThrow();
    assertThat(crashed.aligned()).isFalse();
    // placed where its model's ready runs were ready (706 ms and 709 ms: median 707.5)
    assertThat(crashed.series().get(0)[0]).isCloseTo(12.5 - 707.5, org.assertj.core.data.Offset.offset(0.1));
    assertThat(data.interrupted()).isFalse();
    String html = Files.readString(dir.resolve(ResultsLayout.REPORT_HTML));
    assertThat(html).contains("6 of 9 runs ok", "oom-killed", "crashed", "failed-requests",
        "killed by the kernel&#39;s OOM killer".replace("&#39;", "'"));
  }

  @Test
  void modelsSkippedOnThisMachineAreNamedWithTheirReason() throws Exception {
    Path dir = ResultsFixture.writeA(tmp.resolve("a"));
    ReportWriter.Written w = write(dir);
    assertThat(w.data().skippedModels()).containsOnlyKeys("py-gevent");
    assertThat(w.data().skippedModels().get("py-gevent")).startsWith("Python module gevent not importable");
    JsonNode json = Json.mapper().readTree(dir.resolve(ResultsLayout.REPORT_DATA).toFile());
    assertThat(json.path("skippedModels").path("py-gevent").asText()).contains("python3-gevent");
    String html = Files.readString(w.html());
    assertThat(html).contains("<b>Skipped here</b>",
        "<li><b>py-gevent</b> — Python module gevent not importable by /usr/bin/python3");
    // before the results: said where the models are listed, not at the bottom of the page
    assertThat(html.indexOf("Skipped here")).isLessThan(html.indexOf("id=\"charts\""));
    // a skipped model ran nowhere: it is in no summary
    assertThat(w.summary().models()).extracting(m -> m.model()).doesNotContain("py-gevent");
  }

  @Test
  void withoutPythonJsonNothingIsSkipped() throws Exception {
    Path dir = ResultsFixture.writeB(tmp.resolve("b"));
    ReportWriter.Written w = write(dir);
    assertThat(w.data().skippedModels()).isEmpty();
    assertThat(Files.readString(w.html())).doesNotContain("Skipped here");
  }

  @Test
  void requestsTheClientReSentOnItsOwnAreShownBesideTheFailures() throws Exception {
    Path dir = ResultsFixture.writeA(tmp.resolve("a"));
    ReportData data = write(dir).data();
    ReportData.ModelReport threadPool = data.models().get(1);
    // 7 in the failed run, 2 in the ok run; the OOM-killed run left no result to count from
    assertThat(threadPool.unrequestedResends()).isEqualTo(9L);
    assertThat(threadPool.unrequestedResendsPerRun()).isEqualTo(4.5);
    assertThat(data.models().get(0).unrequestedResends()).isZero();
    assertThat(data.runs()).filteredOn(r -> r.runId().equals("002-thread-pool-r1"))
        .extracting(ReportData.RunReport::unrequestedResends).containsExactly(7L);
    assertThat(data.figures()).filteredOn(f -> f.figure().equals("re-sent by the HTTP client on its own"))
        .singleElement().satisfies(f -> assertThat(f.values())
            .containsEntry("sequential", "0").containsEntry("thread-pool", "9"));
    String html = Files.readString(dir.resolve(ResultsLayout.REPORT_HTML));
    String failures = html.substring(html.indexOf("<svg id=\"failures\""));
    failures = failures.substring(0, failures.indexOf("</svg>"));
    assertThat(failures).contains("re-sent by the HTTP client on its own", "5 + 9 re-sent",
        "thread-pool: the HTTP client re-sent 9 requests on its own");
    assertThat(html).contains("the HTTP client re-sent 7 requests on its own",
        "The fare server saw 9 requests more than the workloads sent");
    JsonNode summary = Json.mapper().readTree(dir.resolve(ResultsLayout.SUMMARY_JSON).toFile());
    assertThat(summary.path("models").get(1).path("unrequestedResends").asLong()).isEqualTo(9);
    assertThat(summary.path("definitions").path("unrequestedResends").asText()).contains("floored at 0");
  }

  @Test
  void withoutReSendsTheFailureChartSaysNothingAboutThem() throws Exception {
    Path dir = ResultsFixture.writeB(tmp.resolve("b"));
    write(dir);
    String html = Files.readString(dir.resolve(ResultsLayout.REPORT_HTML));
    assertThat(html).doesNotContain("re-sent by the HTTP client on its own (the workload", "re-sent requests on its own");
  }

  @Test
  void theReportIsSelfContained() throws Exception {
    Path dir = ResultsFixture.writeA(tmp.resolve("a"));
    String html = Files.readString(write(dir).html());
    // nothing fetched from anywhere: no scripts, stylesheets, fonts, images or links out
    assertThat(html).doesNotContain("<script", "<link", "src=", "href=", "@import", "url(");
    assertThat(html).contains("<svg id=\"memory\"", "<svg id=\"peak\"", "<svg id=\"peak-above-baseline\"",
        "<svg id=\"request-phase\"", "<svg id=\"latency\"", "<svg id=\"failures\"",
        "<svg id=\"memory-py-asyncio\"");
    // the scenario is shown generically: every section of scenario.resolved.yaml appears
    for (String section : new String[] {"job", "server", "client", "models", "repetitions", "run", "external"}) {
      assertThat(html).contains("<th style=\"width:180px\">" + section + "</th>");
    }
    assertThat(html).contains("What the numbers do and do not say", "Every figure", "definition");
  }

  @Test
  void theMedianRunIsTheMiddleOneByPeak() throws Exception {
    Path dir = ResultsFixture.writeA(tmp.resolve("a"));
    ReportData data = write(dir).data();
    // sequential peaks 90, 94, 91 MiB: the median is 91, repetition 3
    assertThat(data.models().get(0).medianRunId()).isEqualTo("007-sequential-r3");
    // py-asyncio's two ok runs, 30 and 32 MiB: the lower middle one
    assertThat(data.models().get(2).medianRunId()).isEqualTo("006-py-asyncio-r2");
  }

  @Test
  void longSeriesAreThinnedButKeepTheirPeak() throws Exception {
    Path dir = ResultsFixture.writeA(tmp.resolve("a"));
    ReportData data = write(dir).data();
    ReportData.RunReport seq = data.runs().get(0);
    long samples = Files.lines(dir.resolve(ResultsLayout.RUNS).resolve("001-sequential-r1").resolve(ResultsLayout.SAMPLES)).count() - 1;
    assertThat(samples).isGreaterThan(2L * SeriesThinner.MAX_SLICES);
    assertThat(seq.series()).hasSizeLessThanOrEqualTo(2 * SeriesThinner.MAX_SLICES);
    double drawnPeak = seq.series().stream().mapToDouble(p -> p[1]).max().orElseThrow();
    double sampledPeak = Files.lines(dir.resolve(ResultsLayout.RUNS).resolve("001-sequential-r1").resolve(ResultsLayout.SAMPLES)).skip(1)
        .mapToLong(l -> Long.parseLong(l.split(",")[1])).max().orElseThrow() / (1024.0 * 1024.0);
    assertThat(drawnPeak).isCloseTo(sampledPeak, org.assertj.core.data.Offset.offset(0.01));
    // aligned at ready: the first point is before it, the last after done
    assertThat(seq.series().get(0)[0]).isNegative();
    assertThat(seq.doneMs()).isCloseTo(20_100.5, org.assertj.core.data.Offset.offset(0.1));
  }

  @Test
  void thePeakDefinitionNamesTheKernelCounter() throws Exception {
    Path dir = ResultsFixture.writeA(tmp.resolve("a"));
    JsonNode data = Json.mapper().readTree(write(dir).data().peakDefinition().isEmpty() ? "{}"
        : Files.readString(dir.resolve(ResultsLayout.REPORT_DATA)));
    assertThat(data.path("peakDefinition").asText()).contains("high-water mark", "memory.peak");
  }

  @Test
  void pngExportsOfTheMainChartsAreWrittenBesideTheReport() throws Exception {
    Path dir = ResultsFixture.writeA(tmp.resolve("a"));
    ReportWriter.Written w = write(dir);
    // every exported chart of the registry, in page order ...
    assertThat(w.pngs()).extracting(p -> p.getFileName().toString())
        .containsExactlyElementsOf(exported(w.data()));
    // ... among them the article's charts, under the names READMEs and issue threads link to
    assertThat(w.pngs()).extracting(p -> p.getFileName().toString())
        .contains("memory.png", "peak.png", "peak-above-baseline.png", "request-phase.png",
            "latency.png", "failures.png")
        .doesNotContain("memory-sequential.png");
    for (Path png : w.pngs()) {
      assertThat(javax.imageio.ImageIO.read(png.toFile()).getWidth()).as(png.toString()).isGreaterThan(400);
    }
  }

  @Test
  void fewerRunsThanPlannedMeansInterrupted() throws Exception {
    Path dir = ResultsFixture.writeA(tmp.resolve("a"));
    try (var files = Files.walk(dir.resolve(ResultsLayout.RUNS).resolve("009-py-asyncio-r3"))) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    ReportData data = write(dir).data();
    assertThat(data.interrupted()).isTrue();
    assertThat(data.runCount()).isEqualTo(8);
    assertThat(Files.readString(dir.resolve(ResultsLayout.REPORT_HTML))).contains("interrupted: runs are missing");
  }

  @Test
  void aFolderInterruptedBeforeItsFirstRunStillGetsAReport() throws Exception {
    Path dir = ResultsFixture.writeA(tmp.resolve("a"));
    try (var files = Files.walk(dir.resolve(ResultsLayout.RUNS))) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    ReportWriter.Written w = write(dir);
    assertThat(w.data().interrupted()).isTrue();
    assertThat(w.data().runCount()).isZero();
    assertThat(Files.readString(w.html())).contains("0 of 0 runs ok", "no memory samples");
    assertThat(w.pngs()).hasSameSizeAs(exported(w.data()));
  }

  /** The PNG file names of the built-in charts a report of {@code data} exports. */
  private static List<String> exported(ReportData data) {
    return ReportCharts.of(data).stream().filter(p -> p.placement().png())
        .map(p -> ResultsLayout.chartPng(p.chart().id())).toList();
  }

  private static List<String> read(Path dir, List<String> files) throws Exception {
    return files.stream().map(f -> {
      try {
        return Files.readString(dir.resolve(f));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).toList();
  }
}
