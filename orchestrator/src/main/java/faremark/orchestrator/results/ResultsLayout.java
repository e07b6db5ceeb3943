package faremark.orchestrator.results;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Every file and folder name of a results folder, declared once, and the version of that layout.
 * The runner, the backends and {@code PythonPlan} write under these names, {@link ResultsReader}
 * reads them back, and {@code report} and {@code compare} only ever see what the reader made of
 * them. The names are a contract with every folder already written (and every script reading
 * one): renaming a file, or changing what a raw file holds, is a new {@link #FORMAT_VERSION}.
 *
 * <pre>
 * results/&lt;UTC-time&gt;-&lt;scenario&gt;/     {@link #folderName}
 *   scenario.resolved.yaml   raw: the scenario as run, every default filled in
 *   environment.json         raw: provenance (code, OS, runtimes, machine) and resultsFormat
 *   network.json             raw: the toxics as the proxy held them
 *   expected.json            raw: the fare server's expected answer
 *   python.json, python/     raw: interpreter, libraries, skipped models; the sources that ran
 *   preflight.json           raw: the pre-flight's days, outcomes and the models it skipped
 *   preflight/&lt;model&gt;/       raw: each model's short verified run before the measured ones,
 *     (the same files as a run)  never counted; a model whose pre-flight failed was not run
 *   stage-warmup.json        raw: requests sent through the proxy before the first run (local)
 *   runs/&lt;NNN-model-rN&gt;/
 *     spec.json, events.jsonl, samples.csv, sampler.json, stderr.log, run.json   raw
 *     latency.hlog           raw: the run's whole latency histogram (HdrHistogram log)
 *   first-use/&lt;NNN-model-wN&gt;/   raw: reference runs (run.firstUse), the same files as a run
 *   summary.json, summary.csv, report-data.json, report.html, &lt;chart&gt;.png   derived
 *   sweep.json, sweep.csv    derived, only when runs have a sweep point
 * </pre>
 */
public final class ResultsLayout {
  /**
   * The layout this code writes and the newest it reads. Raise it when a name or a raw file's
   * content changes, and teach {@link ResultsReader} to read the older layouts or to say it
   * cannot.
   */
  public static final int FORMAT_VERSION = 1;

  /**
   * The field of {@link #ENVIRONMENT} that records {@link #FORMAT_VERSION}. Folders written before
   * the field existed have the layout of version 1: nothing else changed when it was added.
   */
  public static final String FORMAT_FIELD = "resultsFormat";

  // Raw, experiment level: written once per experiment, before or while the runs happen.
  public static final String SCENARIO = "scenario.resolved.yaml";
  public static final String ENVIRONMENT = "environment.json";
  public static final String NETWORK = "network.json";
  public static final String EXPECTED = "expected.json";
  /** Only when the scenario has a Python model. */
  public static final String PYTHON = "python.json";
  /**
   * The libraries' own log lines (engine discovery, docker-java, Netty) and, should the
   * orchestrator die, what its watchdog removed: kept off the console, kept with the results.
   */
  public static final String LOG = "faremark.log";
  /** Folder of the Python sources that ran; only with {@link #PYTHON}. */
  public static final String PYTHON_SOURCES = "python";
  /** Folder holding one folder per run, named by its run id. */
  public static final String RUNS = "runs";
  /**
   * Folder holding one folder per model, named by its id, with its pre-flight run's files (the
   * run-level names below). Added without a new {@link #FORMAT_VERSION}: no existing file changed
   * name or content, and a reader that does not know the folder reads the rest as before.
   */
  public static final String PREFLIGHT = "preflight";
  /**
   * The pre-flight's account: its days, each model's outcome, and under {@code skipped} the
   * models that failed it, with why (as {@link #PYTHON}'s {@code skipped}); only when it ran.
   */
  public static final String PREFLIGHT_RECORD = "preflight.json";
  /**
   * Folder of the first-use reference runs ({@code run.firstUse}): one folder per run, the same
   * files as under {@link #RUNS}. Kept apart so nothing that reads {@link #RUNS} ever counts
   * them; only with {@code run.firstUse}.
   */
  public static final String FIRST_USE = "first-use";
  /**
   * What warmed the local backend's embedded fare server and proxy before the first run: requests
   * sent through the proxy, how many failed, how long it took. Not in every folder.
   */
  public static final String STAGE_WARMUP = "stage-warmup.json";

  // Raw, run level: in runs/<run id>/.
  public static final String SPEC = "spec.json";
  public static final String EVENTS = "events.jsonl";
  /** Memory samples; format in {@link SamplesCsv}. */
  public static final String SAMPLES = "samples.csv";
  public static final String SAMPLER = "sampler.json";
  public static final String STDERR = "stderr.log";
  /**
   * The run's whole latency histogram, an HdrHistogram log (format and what is measured: {@link
   * LatencyLog}): microseconds per successful request, issued to body fully read, so that runs
   * merge exactly and {@code report} rebuilds any percentile. From the {@code done} event's
   * {@code latencyDistribution}: every Java and Python model sends one; a workload that sends none
   * (an external model) has no file, and its {@code run.json}'s {@code latencyLog} says why.
   * Added without a new {@link #FORMAT_VERSION}: no file changed name, {@code run.json}'s result
   * leaves the distribution out, the {@code done} line of {@code events.jsonl} only gains a field
   * that older readers ignore, and a folder without the file reports as before.
   */
  public static final String LATENCY = "latency.hlog";
  /** The {@link RunRecord}; a run folder without one was cut off before it was recorded. */
  public static final String RUN_RECORD = "run.json";

  // Derived from the raw files alone; `faremark report` rewrites them.
  public static final String SUMMARY_JSON = "summary.json";
  public static final String SUMMARY_CSV = "summary.csv";
  public static final String REPORT_DATA = "report-data.json";
  public static final String REPORT_HTML = "report.html";
  private static final String PNG = ".png";

  /**
   * A sweep's figures per model and point and its fitted lines ({@code results.sweep}); only
   * where runs have a sweep point ({@code run.json} {@code sweep}). Added without a new {@link
   * #FORMAT_VERSION}: no existing file changed.
   */
  public static final String SWEEP_JSON = "sweep.json";
  /** The same as {@link #SWEEP_JSON}, one row per model, figure and point. */
  public static final String SWEEP_CSV = "sweep.csv";

  /** The derived files only a sweep's report writes, besides {@link #DERIVED}. */
  public static final List<String> SWEEP_DERIVED = List.of(SWEEP_JSON, SWEEP_CSV);

  /** The derived files every report writes (the chart PNGs besides, see {@link #chartPng}). */
  public static final List<String> DERIVED = List.of(SUMMARY_JSON, SUMMARY_CSV, REPORT_DATA, REPORT_HTML);

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private ResultsLayout() {}

  /** {@code <UTC-time>-<scenario>}, e.g. {@code 20260101T120000Z-seed}: sorts by start time. */
  public static String folderName(Instant startedAt, String scenario) {
    return STAMP.format(startedAt) + "-" + scenario;
  }

  /** A chart's PNG export: its id, which is also its element id in {@link #REPORT_HTML}. */
  public static String chartPng(String chartId) {
    return chartId + PNG;
  }
}
