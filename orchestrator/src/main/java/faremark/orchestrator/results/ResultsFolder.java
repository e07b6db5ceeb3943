package faremark.orchestrator.results;

import com.fasterxml.jackson.databind.ObjectWriter;
import faremark.contract.Json;
import faremark.orchestrator.sampling.MemorySample;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The layout of {@code results/<UTC-time>-<scenario>/}. Raw data (samples, events, stderr, the
 * workload's result) is always written; summaries are derived from it.
 */
public final class ResultsFolder {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final ObjectWriter JSON = Json.mapper().writerWithDefaultPrettyPrinter();

  private final Path dir;

  private ResultsFolder(Path dir) {
    this.dir = dir;
  }

  /** Creates {@code root/<UTC-time>-<scenario>} (with a suffix if it exists already). */
  public static ResultsFolder create(Path root, String scenario, Instant startedAt)
      throws IOException {
    String base = STAMP.format(startedAt) + "-" + scenario;
    Path dir = root.resolve(base);
    for (int i = 2; Files.exists(dir); i++) {
      dir = root.resolve(base + "-" + i);
    }
    Files.createDirectories(dir.resolve("runs"));
    return new ResultsFolder(dir);
  }

  public static ResultsFolder open(Path dir) {
    return new ResultsFolder(dir);
  }

  public Path dir() {
    return dir;
  }

  public Path runDir(String runId) throws IOException {
    return Files.createDirectories(dir.resolve("runs").resolve(runId));
  }

  public void writeJson(Path file, Object value) throws IOException {
    JSON.writeValue(file.toFile(), value);
  }

  public void writeText(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** {@code samples.csv}: milliseconds since launch and bytes, one row per sample. */
  public static void writeSamples(Path file, List<MemorySample> samples) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("t_ms,current_bytes,anon_bytes,file_bytes\n");
      for (MemorySample s : samples) {
        out.write(String.format(Locale.ROOT, "%.3f,%d,%d,%d\n",
            s.at().toNanos() / 1e6, s.currentBytes(), s.anonBytes(), s.fileBytes()));
      }
    }
  }

  public void writeSummary(Summary summary) throws IOException {
    writeJson(dir.resolve("summary.json"), summary);
    writeText(dir.resolve("summary.csv"), SummaryCsv.write(summary));
  }
}
