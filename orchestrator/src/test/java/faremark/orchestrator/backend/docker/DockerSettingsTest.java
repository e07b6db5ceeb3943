package faremark.orchestrator.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link DockerSettings}: defaults, every variable, and errors that name the variable. */
class DockerSettingsTest {

  @Test
  void defaultsAreABridgeNetworkAndCachedImages() throws Exception {
    DockerSettings s = DockerSettings.from(Map.of());
    assertThat(s.network()).isEqualTo(DockerSettings.NetworkMode.BRIDGE);
    assertThat(s.jreImage()).isEmpty();
    assertThat(s.pythonImage()).isEmpty();
    assertThat(s.proxyImage()).isEmpty();
    assertThat(s.removeImages()).isFalse();
  }

  @Test
  void readsEveryVariable() throws Exception {
    DockerSettings s = DockerSettings.from(Map.of(
        DockerSettings.NETWORK, " HOST ", DockerSettings.JRE_IMAGE, "eclipse-temurin:21-jre",
        DockerSettings.PYTHON_IMAGE, "python:3.12-slim", DockerSettings.PROXY_IMAGE,
        "ghcr.io/shopify/toxiproxy:2.12.0", DockerSettings.REMOVE_IMAGES, "yes"));
    assertThat(s).isEqualTo(new DockerSettings(DockerSettings.NetworkMode.HOST,
        Optional.of("eclipse-temurin:21-jre"), Optional.of("python:3.12-slim"),
        Optional.of("ghcr.io/shopify/toxiproxy:2.12.0"), true));
  }

  @Test
  void blankMeansUnset() throws Exception {
    assertThat(DockerSettings.from(Map.of(DockerSettings.JRE_IMAGE, "  ")).jreImage()).isEmpty();
  }

  @Test
  void badValuesNameTheVariableAndWhatWasExpected() {
    assertThatThrownBy(() -> DockerSettings.from(Map.of(DockerSettings.NETWORK, "overlay")))
        .hasMessage("FAREMARK_DOCKER_NETWORK: expected bridge or host, got 'overlay'");
    assertThatThrownBy(() -> DockerSettings.from(Map.of(DockerSettings.REMOVE_IMAGES, "maybe")))
        .hasMessage("FAREMARK_DOCKER_REMOVE_IMAGES: expected true or false, got 'maybe'");
    assertThatThrownBy(() -> DockerSettings.from(Map.of(DockerSettings.JRE_IMAGE, "https://x/y")))
        .hasMessageStartingWith("FAREMARK_JRE_IMAGE: expected an image reference");
  }
}
