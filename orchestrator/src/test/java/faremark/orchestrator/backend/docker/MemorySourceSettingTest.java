package faremark.orchestrator.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import faremark.orchestrator.backend.docker.DockerSettings.MemorySource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link DockerSettings#MEMORY_SOURCE}: auto by default, each value, and a bad one named. */
class MemorySourceSettingTest {

  @Test
  void autoByDefaultAndEachValueCaseBlind() throws Exception {
    assertThat(DockerSettings.from(Map.of()).memorySource()).isEqualTo(MemorySource.AUTO);
    assertThat(DockerSettings.from(Map.of(DockerSettings.MEMORY_SOURCE, " Probe ")).memorySource())
        .isEqualTo(MemorySource.PROBE);
    for (MemorySource s : MemorySource.values()) {
      assertThat(DockerSettings.from(Map.of(DockerSettings.MEMORY_SOURCE, s.id())).memorySource()).isEqualTo(s);
    }
  }

  @Test
  void aBadValueNamesTheVariable() {
    assertThatThrownBy(() -> DockerSettings.from(Map.of(DockerSettings.MEMORY_SOURCE, "cadvisor")))
        .hasMessage("FAREMARK_DOCKER_MEMORY_SOURCE: expected auto, host, probe or stats, got 'cadvisor'");
  }
}
