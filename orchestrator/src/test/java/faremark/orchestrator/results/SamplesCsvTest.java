package faremark.orchestrator.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faremark.orchestrator.sampling.MemorySample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code samples.csv}: what the runner writes is what the reader reads; bad lines are named. */
class SamplesCsvTest {
  @TempDir Path root;

  private static final List<MemorySample> SAMPLES = List.of(
      new MemorySample(Duration.ZERO, 1_000, 600, 400),
      new MemorySample(Duration.ofNanos(12_345_678), 2_000, 1_500, 500),
      new MemorySample(Duration.ofSeconds(3), 52_428_800, 40_000_000, 12_428_800));

  @Test
  void writesMillisecondsAndBytes() throws Exception {
    Path file = root.resolve(ResultsLayout.SAMPLES);

    SamplesCsv.write(file, SAMPLES);

    assertThat(Files.readString(file)).isEqualTo(String.join("\n",
        "t_ms,current_bytes,anon_bytes,file_bytes",
        "0.000,1000,600,400",
        "12.346,2000,1500,500",
        "3000.000,52428800,40000000,12428800",
        ""));
  }

  @Test
  void withoutSamplesWritesTheHeader() throws Exception {
    Path file = root.resolve(ResultsLayout.SAMPLES);

    ResultsFolder.writeSamples(file, List.of());

    assertThat(Files.readString(file)).isEqualTo("t_ms,current_bytes,anon_bytes,file_bytes\n");
    assertThat(SamplesCsv.read(file)).isEmpty();
  }

  @Test
  void readsBackWhatWasWrittenToTheMicrosecond() throws Exception {
    Path file = root.resolve(ResultsLayout.SAMPLES);
    SamplesCsv.write(file, SAMPLES);

    List<MemorySample> read = SamplesCsv.read(file);

    assertThat(read).hasSize(3);
    assertThat(read.get(1).at()).isEqualTo(Duration.ofNanos(12_346_000));
    assertThat(read.get(2)).isEqualTo(SAMPLES.get(2));
  }

  @Test
  void aMissingOrEmptyFileHasNoSamples() throws Exception {
    assertThat(SamplesCsv.read(root.resolve("absent.csv"))).isEmpty();
    Path empty = Files.writeString(root.resolve("empty.csv"), "");
    assertThat(SamplesCsv.read(empty)).isEmpty();
  }

  @Test
  void aWrongHeaderOrABrokenLineIsNamedWithItsLine() throws Exception {
    Path header = Files.writeString(root.resolve("header.csv"), "time,bytes\n1,2\n");
    assertThatThrownBy(() -> SamplesCsv.read(header)).isInstanceOf(ResultsException.class)
        .hasMessageContaining(header.toString())
        .hasMessageContaining("line 1: expected the header t_ms,current_bytes,anon_bytes,file_bytes");
    Path broken = Files.writeString(root.resolve("broken.csv"),
        "t_ms,current_bytes,anon_bytes,file_bytes\n1.0,2,3,4\n\n2.0,5\n");
    assertThatThrownBy(() -> SamplesCsv.read(broken)).isInstanceOf(ResultsException.class)
        .hasMessageContaining("line 4: expected four numbers, got '2.0,5'");
  }
}
