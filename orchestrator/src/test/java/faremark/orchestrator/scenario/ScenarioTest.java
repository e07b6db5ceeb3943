package faremark.orchestrator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faremark.contract.ConnectionReuse;
import faremark.contract.WorkloadSpec;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioTest {
  static Scenario parse(String yaml) throws ScenarioException {
    return ScenarioLoader.parse(yaml, "t.yaml", Optional.empty());
  }

  @Test
  void workloadSpecCarriesTheJobAndClientKnobs() throws Exception {
    Scenario s = parse("""
        job: {route: {from: PRG, to: BRQ}, startDate: 2018-06-01, days: 12}
        client: {concurrency: 4, connections: per-request, poolSize: 2, connectTimeout: 1s,
                 requestTimeout: 2s, processes: 3}
        """);
    WorkloadSpec spec = s.workloadSpec("async", URI.create("http://127.0.0.1:9000"));
    assertThat(spec.model()).isEqualTo("async");
    assertThat(spec.target()).isEqualTo(URI.create("http://127.0.0.1:9000"));
    assertThat(spec.days()).isEqualTo(12);
    assertThat(spec.startDate()).isEqualTo(s.job().startDate());
    assertThat(spec.concurrency()).isEqualTo(4);
    assertThat(spec.connections()).isEqualTo(ConnectionReuse.PER_REQUEST);
    assertThat(spec.poolSize()).isEqualTo(2);
    assertThat(spec.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(spec.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(spec.processes()).isEqualTo(3);
    assertThatThrownBy(() -> s.workloadSpec("gevent", URI.create("http://x")))
        .hasMessageContaining("unknown model 'gevent'");
  }

  @Test
  void overridesValidateModels() throws Exception {
    Scenario s = parse("repetitions: 2\n");
    assertThat(s.withModels(List.of("sequential")).models()).containsExactly("sequential");
    assertThat(s.withModels(List.of("sequential")).runCount()).isEqualTo(2);
    assertThat(s.withRepetitions(5).repetitions()).isEqualTo(5);
    assertThatThrownBy(() -> s.withModels(List.of("nope"))).hasMessageContaining("known models: sequential");
    assertThatThrownBy(() -> s.withModels(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.withRepetitions(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void equalityIgnoresTheSourceAndWriteRoundTrips(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mine.yaml");
    Files.writeString(file, "client: {concurrency: 3}\n");
    Scenario loaded = ScenarioLoader.load(file);
    assertThat(loaded.source()).contains(file);
    assertThat(loaded.name()).isEqualTo("mine");

    Path resolved = dir.resolve("scenario.yaml");
    loaded.write(resolved);
    Scenario back = ScenarioLoader.load(resolved);
    assertThat(back).isEqualTo(loaded).hasSameHashCodeAs(loaded);
    assertThat(back.source()).contains(resolved);

    Path json = dir.resolve("scenario.json");
    loaded.write(json);
    assertThat(Files.readString(json)).startsWith("{").contains("\"concurrency\" : 3");
    assertThat(ScenarioLoader.load(json)).isEqualTo(loaded);
  }
}
