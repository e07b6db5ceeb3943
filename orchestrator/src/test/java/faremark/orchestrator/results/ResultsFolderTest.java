package faremark.orchestrator.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import faremark.contract.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing a results folder: its name, its runs, the environment record and the summaries. */
class ResultsFolderTest {
  private static final Instant STARTED = Instant.parse("2024-05-06T07:08:09.987Z");

  @TempDir Path root;

  @Test
  void createsAFolderNamedAfterUtcTimeAndScenarioWithARunsFolder() throws Exception {
    ResultsFolder folder = ResultsFolder.create(root, "seed", STARTED);

    assertThat(folder.dir()).isEqualTo(root.resolve("20240506T070809Z-seed"));
    assertThat(folder.dir().resolve(ResultsLayout.RUNS)).isDirectory();
  }

  @Test
  void createsMissingParentFolders() throws Exception {
    ResultsFolder folder = ResultsFolder.create(root.resolve("a/b"), "seed", STARTED);

    assertThat(folder.dir().resolve(ResultsLayout.RUNS)).isDirectory();
  }

  @Test
  void suffixesTheNameWhenTheFolderExists() throws Exception {
    Path first = ResultsFolder.create(root, "seed", STARTED).dir();
    Path second = ResultsFolder.create(root, "seed", STARTED).dir();
    Path third = ResultsFolder.create(root, "seed", STARTED).dir();

    assertThat(first.getFileName()).hasToString("20240506T070809Z-seed");
    assertThat(second.getFileName()).hasToString("20240506T070809Z-seed-2");
    assertThat(third.getFileName()).hasToString("20240506T070809Z-seed-3");
    assertThat(second.resolve(ResultsLayout.RUNS)).isDirectory();
  }

  @Test
  void runDirIsCreatedUnderRuns() throws Exception {
    ResultsFolder folder = ResultsFolder.create(root, "seed", STARTED);

    Path run = folder.runDir("001-sequential-r1");

    assertThat(run).isEqualTo(folder.dir().resolve(ResultsLayout.RUNS).resolve("001-sequential-r1")).isDirectory();
    assertThat(folder.runDir("001-sequential-r1")).isEqualTo(run); // again: no error
  }

  @Test
  void environmentJsonStartsWithTheLayoutVersion() throws Exception {
    ResultsFolder folder = ResultsFolder.create(root, "seed", STARTED);
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("startedAt", STARTED.toString());
    env.put("backend", "local");
    // a caller's own value cannot claim another layout than the one written
    env.put(ResultsLayout.FORMAT_FIELD, 99);

    folder.writeEnvironment(env);

    Map<String, Object> json = Json.mapper().readValue(
        folder.dir().resolve(ResultsLayout.ENVIRONMENT).toFile(), new TypeReference<LinkedHashMap<String, Object>>() {});
    assertThat(json.keySet()).containsExactly(ResultsLayout.FORMAT_FIELD, "startedAt", "backend");
    assertThat(json.get(ResultsLayout.FORMAT_FIELD)).isEqualTo(ResultsLayout.FORMAT_VERSION);
  }

  @Test
  void writeSummaryWritesJsonAndCsv() throws Exception {
    ResultsFolder folder = ResultsFolder.create(root, "seed", STARTED);
    Summary summary = SummaryFixture.summary();

    folder.writeSummary(summary);

    assertThat(Files.readString(folder.dir().resolve(ResultsLayout.SUMMARY_CSV))).isEqualTo(SummaryCsv.write(summary));
    Map<?, ?> json = Json.mapper().readValue(folder.dir().resolve(ResultsLayout.SUMMARY_JSON).toFile(), Map.class);
    assertThat(json.get("scenario")).isEqualTo("seed");
    assertThat((List<?>) json.get("models")).hasSize(3);
  }

  @Test
  void openUsesTheGivenFolder() {
    assertThat(ResultsFolder.open(root).dir()).isEqualTo(root);
  }
}
