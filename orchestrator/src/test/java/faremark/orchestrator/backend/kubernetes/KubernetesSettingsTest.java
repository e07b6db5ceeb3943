package faremark.orchestrator.backend.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The backend's options and variables: defaults, and a clear error naming each bad one. */
class KubernetesSettingsTest {

  private static KubernetesSettings of(Optional<String> namespace, String registry,
      Optional<String> selector, Map<String, String> env) throws Exception {
    return KubernetesSettings.of(namespace, Optional.ofNullable(registry), selector, env);
  }

  @Test
  void defaults() throws Exception {
    KubernetesSettings s = of(Optional.empty(), "localhost:5001", Optional.empty(), Map.of());

    assertThat(s.namespace()).isEmpty();
    assertThat(s.push()).isTrue();
    assertThat(s.onePerNode()).isTrue();
    assertThat(s.probe()).isTrue();
    assertThat(s.runCpu().toString()).isEqualTo("1");
    assertThat(s.defaultMemory().toString()).isEqualTo("2Gi");
    assertThat(s.startLimit()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void everyKnobIsRead() throws Exception {
    KubernetesSettings s = of(Optional.of("bench"), "registry.example.com/team",
        Optional.of("kubernetes.io/hostname=node-2,disk=ssd"), Map.of(
            KubernetesSettings.PUSH, "false", KubernetesSettings.PLACEMENT, "any",
            KubernetesSettings.PROBE, "off", KubernetesSettings.RUN_CPU, "1500m",
            KubernetesSettings.RUN_MEMORY, "512Mi", KubernetesSettings.START_LIMIT, "60"));

    assertThat(s.namespace()).contains("bench");
    assertThat(s.nodeSelector()).containsEntry("kubernetes.io/hostname", "node-2").containsEntry("disk", "ssd");
    assertThat(s.push()).isFalse();
    assertThat(s.onePerNode()).isFalse();
    assertThat(s.probe()).isFalse();
    assertThat(s.runCpu().toString()).isEqualTo("1500m");
    assertThat(s.startLimit()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void badInputNamesItsOptionOrVariable() {
    assertThatThrownBy(() -> of(Optional.empty(), null, Optional.empty(), Map.of()))
        .hasMessageContaining("--image-registry is required");
    assertThatThrownBy(() -> of(Optional.empty(), "http://localhost:5001", Optional.empty(), Map.of()))
        .hasMessageContaining("--image-registry");
    assertThatThrownBy(() -> of(Optional.of("Bad_Name"), "r:5000", Optional.empty(), Map.of()))
        .hasMessageContaining("--namespace").hasMessageContaining("Bad_Name");
    assertThatThrownBy(() -> of(Optional.empty(), "r:5000", Optional.of("no-equals"), Map.of()))
        .hasMessageContaining("--node-selector").hasMessageContaining("no-equals");
    for (String variable : new String[] {KubernetesSettings.PUSH, KubernetesSettings.PLACEMENT,
        KubernetesSettings.PROBE, KubernetesSettings.RUN_CPU, KubernetesSettings.RUN_MEMORY,
        KubernetesSettings.START_LIMIT}) {
      assertThatThrownBy(() -> of(Optional.empty(), "r:5000", Optional.empty(), Map.of(variable, "nonsense")))
          .as(variable).hasMessageStartingWith(variable).hasMessageContaining("nonsense");
    }
  }
}
