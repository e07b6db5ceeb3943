package faremark.orchestrator.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faremark.contract.LatencyDistribution;
import java.io.FileInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class LatencyLogTest {
  @TempDir Path dir;

  /** Latencies as a Python model sends them: raw µs, in the order recorded. */
  public static List<Long> pythonValues(long seed, int n) {
    Random random = new Random(seed);
    List<Long> values = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      values.add(200_000L + (long) Math.abs(random.nextGaussian() * 30_000) + (i % 97 == 0 ? 2_000_000 : 0));
    }
    return values;
  }

  @Test
  void aPythonModelsRawLatenciesRoundTripThroughTheFile() throws Exception {
    List<Long> values = pythonValues(1, 1_000);
    Histogram sent = LatencyLog.histogram(new LatencyDistribution.ValuesUs(values));
    Path file = dir.resolve(ResultsLayout.LATENCY);
    LatencyLog.write(file, "001-py-asyncio-r1", sent, Instant.parse("2026-01-01T12:00:00Z"),
        Duration.ofMillis(2_345));

    Histogram back = LatencyLog.read(file).orElseThrow();
    assertThat(back).isEqualTo(sent);
    assertThat(back.getTotalCount()).isEqualTo(1_000);
    // every raw value is counted in its bucket: the file is the first place any rounding happens
    for (long v : values) {
      assertThat(back.getCountAtValue(v)).isPositive();
      assertThat(back.valuesAreEquivalent(back.highestEquivalentValue(v), v)).isTrue();
    }
    assertThat(back.getMaxValue()).isEqualTo(back.highestEquivalentValue(values.stream().max(Long::compare).orElseThrow()));
  }

  @Test
  void aJavaModelsEncodedHistogramIsKeptAsSent() throws Exception {
    Histogram recorded = LatencyLog.newHistogram();
    pythonValues(2, 300).forEach(recorded::recordValue);
    ByteBuffer buffer = ByteBuffer.allocate(recorded.getNeededByteBufferCapacity());
    int length = recorded.encodeIntoCompressedByteBuffer(buffer);
    String encoded = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));

    Histogram sent = LatencyLog.histogram(new LatencyDistribution.HdrHistogram(encoded));
    Path file = dir.resolve(ResultsLayout.LATENCY);
    LatencyLog.write(file, "002-async-r1", sent, Instant.EPOCH, Duration.ofSeconds(1));
    assertThat(LatencyLog.read(file)).contains(recorded);
  }

  @Test
  void theFileIsAPlainHdrHistogramLogWithItsHeader() throws Exception {
    Histogram h = LatencyLog.newHistogram();
    h.recordValue(1_500);
    h.recordValue(250_000);
    Path file = dir.resolve(ResultsLayout.LATENCY);
    LatencyLog.write(file, "003-sequential-r2", h, Instant.parse("2026-01-01T12:00:00Z"),
        Duration.ofMillis(1_250));

    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(0)).startsWith("#[faremark run 003-sequential-r2: request latency in microseconds");
    assertThat(lines).anyMatch(l -> l.startsWith("#[Histogram log format version "));
    assertThat(lines).anyMatch(l -> l.startsWith("#[StartTime: 1767268800.000 (seconds since epoch)"));
    assertThat(lines).contains("#[BaseTime: 1767268800.000 (seconds since epoch)]");
    assertThat(lines).contains("\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"");
    assertThat(lines.get(lines.size() - 1)).startsWith("0.000,1.250,250.111,"); // max in ms
    // HdrHistogram's own reader, as any user's tool, sees one interval with both values
    try (HistogramLogReader reader = new HistogramLogReader(new FileInputStream(file.toFile()))) {
      EncodableHistogram only = reader.nextIntervalHistogram();
      assertThat(((Histogram) only).getTotalCount()).isEqualTo(2);
      assertThat(reader.nextIntervalHistogram()).isNull();
    }
  }

  @Test
  void noFileIsNoHistogram() throws Exception {
    assertThat(LatencyLog.read(dir.resolve(ResultsLayout.LATENCY))).isEmpty();
  }

  @Test
  void aFileThatIsNoLogIsRefusedNamingIt() throws Exception {
    Path file = Files.writeString(dir.resolve(ResultsLayout.LATENCY), "0.000,1.0,2.0,notbase64!\n");
    assertThatThrownBy(() -> LatencyLog.read(file))
        .isInstanceOf(ResultsException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not an HdrHistogram log");
    Path empty = Files.writeString(dir.resolve("empty.hlog"), "#[only a comment]\n");
    assertThatThrownBy(() -> LatencyLog.read(empty))
        .isInstanceOf(ResultsException.class)
        .hasMessageContaining("no interval histogram");
  }

  @Test
  void distributionsThatCannotBeKeptAreRefusedWithWhy() {
    assertThatThrownBy(() -> LatencyLog.histogram(new LatencyDistribution.ValuesUs(List.of(5L, -1L))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    assertThatThrownBy(() -> LatencyLog.histogram(new LatencyDistribution.HdrHistogram("bm90")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not decode");
  }
}
