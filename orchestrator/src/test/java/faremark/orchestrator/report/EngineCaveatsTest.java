package faremark.orchestrator.report;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.results.ExperimentData;
import faremark.orchestrator.results.RunData;
import faremark.orchestrator.results.RunRecord;
import faremark.orchestrator.results.Outcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EngineCaveatsTest {

  private static Map<String, Object> engine(String host, String kernel, String image) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("host", host);
    e.put("kernel", kernel);
    e.put("cpuModel", "Xeon");
    e.put("cpus", 2);
    e.put("architecture", "x86_64");
    e.put("version", "20.10.24");
    e.put("images", Map.of("workload", image));
    return e;
  }

  private static List<RunRecord> runs() {
    List<RunRecord> runs = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      runs.add(new RunRecord(i, String.format("%03d", i), "sequential", i, Outcome.OK, "", 0, null,
          null, null, null, null, null, null, null, List.of()));
    }
    return runs;
  }

  private static ExperimentData data(List<RunRecord> records) {
    List<RunData> runs = records.stream()
        .map(r -> new RunData(r, List.of(), Optional.empty(), Optional.empty())).toList();
    return new ExperimentData(Path.of("x"), null, Map.of(), Map.of(), runs, Map.of());
  }

  @Test
  void oneEngineSaysNothing() {
    assertThat(EngineCaveats.of(data(runs()))).isEmpty();
  }

  @Test
  void identicalEnginesAreNamedButNotCalledDifferent() {
    List<RunRecord> runs = new ArrayList<>();
    List<RunRecord> base = runs();
    for (int i = 0; i < base.size(); i++) {
      runs.add(base.get(i).withEngine(engine(i % 2 == 0 ? "unix:///a.sock" : "unix:///b.sock", "6.1", "sha256:1")));
    }
    List<String> said = EngineCaveats.of(data(runs));
    assertThat(said).singleElement().asString()
        .startsWith("Runs were spread over 2 Docker engines (unix:///a.sock, unix:///b.sock)");
  }

  @Test
  void differentKernelsAndImagesAreACaveatAndLostRunsAreCounted() {
    List<RunRecord> base = runs();
    List<RunRecord> runs = List.of(
        base.get(0).withEngine(engine("unix:///a.sock", "6.1", "sha256:1")),
        base.get(1).withEngine(engine("tcp://10.0.0.2:2376", "5.10", "sha256:2"))
            .engineFailed("the Docker engine at tcp://10.0.0.2:2376 no longer accepts connections"));
    List<String> said = EngineCaveats.of(data(runs));
    assertThat(said).hasSize(3);
    assertThat(said.get(1)).contains("The engines differ in kernel (6.1 / 5.10), image ids");
    assertThat(said.get(2)).startsWith("1 run(s) were cut short when what they ran on failed under them")
        .contains("a pod evicted or its node lost");
  }
}
