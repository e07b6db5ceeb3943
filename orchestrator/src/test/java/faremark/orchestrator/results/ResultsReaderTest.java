package faremark.orchestrator.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faremark.contract.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a results folder back from its raw files, whatever wrote it. */
class ResultsReaderTest {
  @TempDir Path tmp;

  @Test
  void readsEveryRecordedRunInRunOrderWithItsSamplesAndEvents() throws Exception {
    ExperimentData data = ResultsReader.read(ResultsFixture.writeA(tmp.resolve("a")));

    assertThat(data.scenario().name()).isEqualTo("fixture");
    assertThat(data.backend()).isEqualTo("local");
    assertThat(data.runs()).extracting(r -> r.record().index()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
    RunData first = data.runs().get(0);
    assertThat(first.samples()).isNotEmpty();
    assertThat(first.readyMs()).contains(first.record().readyAtMs());
    assertThat(data.skipped()).containsOnlyKeys("py-gevent");
    assertThat(data.interrupted()).isFalse();
  }

  @Test
  void aRunFolderWithoutItsRecordWasCutOffAndMakesTheExperimentInterrupted() throws Exception {
    Path dir = ResultsFixture.writeA(tmp.resolve("a"));
    Files.delete(dir.resolve(ResultsLayout.RUNS).resolve("009-py-asyncio-r3").resolve(ResultsLayout.RUN_RECORD));

    ExperimentData data = ResultsReader.read(dir);

    assertThat(data.runs()).hasSize(8);
    assertThat(data.interrupted()).isTrue();
  }

  @Test
  void aFolderWrittenByTheRunnerCarriesTheLayoutVersionAndReads() throws Exception {
    Path dir = ResultsFixture.writeA(tmp.resolve("a"));
    ResultsFolder.open(dir).writeEnvironment(Map.of("backend", "docker"));

    ExperimentData data = ResultsReader.read(dir);

    assertThat(data.environment()).containsEntry(ResultsLayout.FORMAT_FIELD, ResultsLayout.FORMAT_VERSION);
    assertThat(data.backend()).isEqualTo("docker");
  }

  @Test
  void aNewerLayoutIsRefusedNamingItsVersionNotMisread() throws Exception {
    Path dir = ResultsFixture.writeA(tmp.resolve("a"));
    Path env = dir.resolve(ResultsLayout.ENVIRONMENT);
    environment(env, ResultsLayout.FORMAT_VERSION + 1);
    assertThatThrownBy(() -> ResultsReader.read(dir)).isInstanceOf(ResultsException.class)
        .hasMessageContaining(env.toString())
        .hasMessageContaining("resultsFormat " + (ResultsLayout.FORMAT_VERSION + 1)
            + ": written by a newer faremark; this one reads results format up to "
            + ResultsLayout.FORMAT_VERSION);
    environment(env, "one");
    assertThatThrownBy(() -> ResultsReader.read(dir)).isInstanceOf(ResultsException.class)
        .hasMessageContaining("resultsFormat: expected a whole number from 1, got one");
    environment(env, 0);
    assertThatThrownBy(() -> ResultsReader.read(dir)).isInstanceOf(ResultsException.class)
        .hasMessageContaining("resultsFormat: expected a whole number from 1, got 0");
  }

  @Test
  void anUnreadablePythonJsonIsNamedAsBadInput() throws Exception {
    Path dir = ResultsFixture.writeA(tmp.resolve("a"));
    Files.writeString(dir.resolve(ResultsLayout.PYTHON), "{\"skipped\": [\"py-gevent\"]}");
    assertThatThrownBy(() -> ResultsReader.read(dir)).isInstanceOf(ResultsException.class)
        .hasMessageContaining(ResultsLayout.PYTHON).hasMessageContaining("skipped: expected an object");
    Files.writeString(dir.resolve(ResultsLayout.PYTHON), "{not json");
    assertThatThrownBy(() -> ResultsReader.read(dir)).isInstanceOf(ResultsException.class)
        .hasMessageContaining(ResultsLayout.PYTHON).hasMessageContaining("cannot be parsed");
  }

  @Test
  void somethingElseIsNotAResultsFolder() throws Exception {
    assertThatThrownBy(() -> ResultsReader.read(tmp.resolve("nope"))).isInstanceOf(ResultsException.class)
        .hasMessageContaining("not a directory");
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertThatThrownBy(() -> ResultsReader.read(empty)).isInstanceOf(ResultsException.class)
        .hasMessageContaining(ResultsLayout.SCENARIO + ": missing: not a faremark results folder");
  }

  private static void environment(Path file, Object version) throws Exception {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put(ResultsLayout.FORMAT_FIELD, version);
    env.put("backend", "local");
    Json.mapper().writeValue(file.toFile(), env);
  }
}
