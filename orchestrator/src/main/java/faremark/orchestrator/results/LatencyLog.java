package faremark.orchestrator.results;

import faremark.contract.LatencyDistribution;
import faremark.orchestrator.output.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.DataFormatException;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

/**
 * A run's {@link ResultsLayout#LATENCY} file: its whole latency histogram as an HdrHistogram log
 * ({@code HistogramLogWriter}'s format, with its header), so HdrHistogram's own tools
 * ({@code HistogramLogProcessor}, HdrHistogramVisualizer, the hdrh libraries) read it as they read
 * any other, and {@code report} merges the runs of a model exactly.
 *
 * <p>What it holds: one interval, the run's request phase (the workload's {@code startedAt}, its
 * {@code requestPhaseUs} long), whose histogram counts one value per successful request: its
 * latency in <b>microseconds</b>, from the model issuing it (after its concurrency slot, before
 * waiting for a pooled connection) to the response body fully read; parsing excluded; with
 * retries, from the first attempt to the body of the attempt that succeeded; failed requests not
 * counted. The interval line's {@code Interval_Max} column is in milliseconds (max / 1000).
 * Precision: 3 significant digits, auto-resizing, as the Java models record it; a Python model's
 * raw values are recorded into such a histogram here, so both languages' files are alike.
 */
public final class LatencyLog {
  /** The Java models' precision ({@code RunRecorder.newHistogram}). */
  public static final int SIGNIFICANT_DIGITS = 3;
  /** µs values, an Interval_Max column in ms. */
  private static final double MAX_VALUE_UNIT_RATIO = 1_000.0;

  private LatencyLog() {}

  public static Histogram newHistogram() {
    Histogram h = new Histogram(SIGNIFICANT_DIGITS);
    h.setAutoResize(true);
    return h;
  }

  /**
   * The histogram a workload sent.
   *
   * @throws IllegalArgumentException when it does not decode, or a value is negative
   */
  public static Histogram histogram(LatencyDistribution distribution) {
    return switch (distribution) {
      case LatencyDistribution.HdrHistogram h -> decode(h.hdrHistogram());
      case LatencyDistribution.ValuesUs v -> {
        Histogram h = newHistogram();
        for (Long value : v.valuesUs()) {
          if (value < 0) {
            throw new IllegalArgumentException("valuesUs holds a negative latency, " + value);
          }
          h.recordValue(value);
        }
        yield h;
      }
    };
  }

  private static Histogram decode(String base64) {
    try {
      return Histogram.decodeFromCompressedByteBuffer(
          ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
    } catch (DataFormatException | RuntimeException e) {
      throw new IllegalArgumentException("hdrHistogram does not decode as a compressed"
          + " HdrHistogram in base64 (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Writes {@code histogram} as the log of one run.
   *
   * @param runId named in the log's first comment, so a file taken out of its folder still says
   *     what it is
   * @param startedAt the workload's first request, the log's start and base time
   * @param requestPhase the interval's length
   */
  public static void write(Path file, String runId, Histogram histogram, Instant startedAt,
      Duration requestPhase) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      HistogramLogWriter log = new HistogramLogWriter(out);
      log.outputComment("[faremark run " + runId + ": request latency in microseconds, one value"
          + " per successful request, issued to body fully read, retries included;"
          + " Interval_Max in ms]");
      log.outputLogFormatVersion();
      long startMs = startedAt.toEpochMilli();
      log.outputStartTime(startMs);
      log.outputBaseTime(startMs);
      log.outputLegend();
      log.outputIntervalHistogram(0, requestPhase.toNanos() / 1e9, histogram, MAX_VALUE_UNIT_RATIO);
    }
    AtomicFiles.write(file, bytes.toByteArray());
  }

  /**
   * The run's histogram: every interval of {@code file} added up; empty when the file is absent
   * (folders written before it existed, workloads that sent none).
   *
   * @throws ResultsException when it is there but is not such a log
   */
  public static Optional<Histogram> read(Path file) throws ResultsException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ResultsException(file, "cannot read", e);
    }
    Histogram total = newHistogram();
    int intervals = 0;
    try (HistogramLogReader log = new HistogramLogReader(new ByteArrayInputStream(bytes))) {
      for (EncodableHistogram next = log.nextIntervalHistogram(); next != null;
          next = log.nextIntervalHistogram()) {
        if (!(next instanceof Histogram h)) {
          throw new ResultsException(file, "expected a histogram of whole microseconds, found a "
              + next.getClass().getSimpleName());
        }
        total.add(h);
        intervals++;
      }
    } catch (RuntimeException e) {
      throw new ResultsException(file, "not an HdrHistogram log", e);
    }
    if (intervals == 0) {
      throw new ResultsException(file, "not an HdrHistogram log: no interval histogram in it");
    }
    return Optional.of(total);
  }
}
