package faremark.orchestrator.results;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.contract.Json;
import faremark.orchestrator.sampling.MemorySample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFolderTest {
  private static final Instant STARTED = Instant.parse("2024-05-06T07:08:09.987Z");

  @TempDir Path root;

  @Test
  void createsAFolderNamedAfterUtcTimeAndScenarioWithARunsFolder() throws Exception {
    ResultsFolder folder = ResultsFolder.create(root, "seed", STARTED);

    assertThat(folder.dir()).isEqualTo(root.resolve("20240506T070809Z-seed"));
    assertThat(folder.dir().resolve("runs")).isDirectory();
  }

  @Test
  void createsMissingParentFolders() throws Exception {
    ResultsFolder folder = ResultsFolder.create(root.resolve("a/b"), "seed", STARTED);

    assertThat(folder.dir().resolve("runs")).isDirectory();
  }

  @Test
  void suffixesTheNameWhenTheFolderExists() throws Exception {
    Path first = ResultsFolder.create(root, "seed", STARTED).dir();
    Path second = ResultsFolder.create(root, "seed", STARTED).dir();
    Path third = ResultsFolder.create(root, "seed", STARTED).dir();

    assertThat(first.getFileName()).hasToString("20240506T070809Z-seed");
    assertThat(second.getFileName()).hasToString("20240506T070809Z-seed-2");
    assertThat(third.getFileName()).hasToString("20240506T070809Z-seed-3");
    assertThat(second.resolve("runs")).isDirectory();
  }

  @Test
  void runDirIsCreatedUnderRuns() throws Exception {
    ResultsFolder folder = ResultsFolder.create(root, "seed", STARTED);

    Path run = folder.runDir("001-sequential-r1");

    assertThat(run).isEqualTo(folder.dir().resolve("runs/001-sequential-r1")).isDirectory();
    assertThat(folder.runDir("001-sequential-r1")).isEqualTo(run); // again: no error
  }

  @Test
  void writeSamplesWritesMillisecondsAndBytes() throws Exception {
    Path file = root.resolve("samples.csv");

    ResultsFolder.writeSamples(file, List.of(
        new MemorySample(Duration.ZERO, 1_000, 600, 400),
        new MemorySample(Duration.ofNanos(12_345_678), 2_000, 1_500, 500),
        new MemorySample(Duration.ofSeconds(3), 52_428_800, 40_000_000, 12_428_800)));

    assertThat(Files.readString(file)).isEqualTo(String.join("\n",
        "t_ms,current_bytes,anon_bytes,file_bytes",
        "0.000,1000,600,400",
        "12.346,2000,1500,500",
        "3000.000,52428800,40000000,12428800",
        ""));
  }

  @Test
  void writeSamplesWithoutSamplesWritesTheHeader() throws Exception {
    Path file = root.resolve("samples.csv");

    ResultsFolder.writeSamples(file, List.of());

    assertThat(Files.readString(file)).isEqualTo("t_ms,current_bytes,anon_bytes,file_bytes\n");
  }

  @Test
  void writeSummaryWritesJsonAndCsv() throws Exception {
    ResultsFolder folder = ResultsFolder.create(root, "seed", STARTED);
    Summary summary = SummaryFixture.summary();

    folder.writeSummary(summary);

    assertThat(Files.readString(folder.dir().resolve("summary.csv"))).isEqualTo(SummaryCsv.write(summary));
    Map<?, ?> json = Json.mapper().readValue(folder.dir().resolve("summary.json").toFile(), Map.class);
    assertThat(json.get("scenario")).isEqualTo("seed");
    assertThat((List<?>) json.get("models")).hasSize(3);
  }

  @Test
  void openUsesTheGivenFolder() {
    assertThat(ResultsFolder.open(root).dir()).isEqualTo(root);
  }
}
