package faremark.shaper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class RequirementTest {
  @Test
  void theSwitchOfThisBuildNamesOnlyKnownDependencies() {
    String value = System.getenv(Requirement.VARIABLE);
    assertThat(Requirement.required(value)).as(Requirement.VARIABLE + "=" + value).isNotNull();
  }

  @Test
  void aMissingToxiproxySkipsSayingWhyUnlessItIsRequired() {
    assertThat(Requirement.required("docker, toxiproxy,python:requests"))
        .containsExactly("docker", "toxiproxy");
    assertThatThrownBy(() -> Requirement.required("toxiproxi"))
        .hasMessageContaining("unknown dependency 'toxiproxi'");
    assertThatThrownBy(() -> Requirement.TOXIPROXY.missing("T", "no URL", Set.of("docker")))
        .isInstanceOf(TestAbortedException.class).hasMessage("no URL");
    assertThatThrownBy(() -> Requirement.TOXIPROXY.missing("T", "no URL", Set.of("toxiproxy")))
        .isInstanceOf(AssertionError.class)
        .hasMessage("[faremark] T FAILED: FAREMARK_REQUIRE names toxiproxy, but no URL");
  }
}
