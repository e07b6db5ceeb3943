package faremark.orchestrator.results;

import com.fasterxml.jackson.databind.ObjectWriter;
import faremark.contract.Json;
import faremark.orchestrator.output.AtomicFiles;
import faremark.orchestrator.sampling.MemorySample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a results folder laid out as {@link ResultsLayout} says; {@link ResultsReader} reads it
 * back. Raw data (samples, events, stderr, the workload's result) is always written; summaries
 * are derived from it.
 */
public final class ResultsFolder {
  private static final ObjectWriter JSON = Json.mapper().writerWithDefaultPrettyPrinter();

  private final Path dir;

  private ResultsFolder(Path dir) {
    this.dir = dir;
  }

  /** Creates {@code root/<UTC-time>-<scenario>} (with a suffix if it exists already). */
  public static ResultsFolder create(Path root, String scenario, Instant startedAt)
      throws IOException {
    String base = ResultsLayout.folderName(startedAt, scenario);
    Path dir = root.resolve(base);
    for (int i = 2; Files.exists(dir); i++) {
      dir = root.resolve(base + "-" + i);
    }
    Files.createDirectories(dir.resolve(ResultsLayout.RUNS));
    return new ResultsFolder(dir);
  }

  public static ResultsFolder open(Path dir) {
    return new ResultsFolder(dir);
  }

  public Path dir() {
    return dir;
  }

  public Path runDir(String runId) throws IOException {
    return Files.createDirectories(dir.resolve(ResultsLayout.RUNS).resolve(runId));
  }

  /** A first-use reference run's folder, under {@link ResultsLayout#FIRST_USE}. */
  public Path firstUseRunDir(String runId) throws IOException {
    return Files.createDirectories(dir.resolve(ResultsLayout.FIRST_USE).resolve(runId));
  }

  /** Every results file is written whole or not at all ({@link AtomicFiles}). */
  public void writeJson(Path file, Object value) throws IOException {
    AtomicFiles.write(file, JSON.writeValueAsBytes(value));
  }

  public void writeText(Path file, String text) throws IOException {
    AtomicFiles.writeString(file, text);
  }

  /**
   * {@code environment.json}: {@code environment} under the layout's version, first, so a reader
   * knows how to read the rest of the folder before it reads anything else.
   */
  public void writeEnvironment(Map<String, Object> environment) throws IOException {
    Map<String, Object> stamped = new LinkedHashMap<>();
    stamped.put(ResultsLayout.FORMAT_FIELD, ResultsLayout.FORMAT_VERSION);
    environment.forEach((k, v) -> {
      if (!k.equals(ResultsLayout.FORMAT_FIELD)) {
        stamped.put(k, v);
      }
    });
    writeJson(dir.resolve(ResultsLayout.ENVIRONMENT), stamped);
  }

  /** {@code samples.csv}, see {@link SamplesCsv}. */
  public static void writeSamples(Path file, List<MemorySample> samples) throws IOException {
    SamplesCsv.write(file, samples);
  }

  public void writeSummary(Summary summary) throws IOException {
    writeJson(dir.resolve(ResultsLayout.SUMMARY_JSON), summary);
    writeText(dir.resolve(ResultsLayout.SUMMARY_CSV), SummaryCsv.write(summary));
  }
}
