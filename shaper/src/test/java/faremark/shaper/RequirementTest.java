package faremark.shaper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class RequirementTest {
  @Test
  void theSwitchOfThisBuildNamesOnlyKnownDependencies() {
    String value = System.getenv(Requirement.VARIABLE);
    assertThat(Requirement.required(value)).as(Requirement.VARIABLE + "=" + value).isNotNull();
  }

  /** What {@code action} printed on stderr (the skip line), kept out of the build log. */
  static String printed(Runnable action) {
    PrintStream err = System.err;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(err);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aMissingToxiproxySkipsSayingWhyUnlessItIsRequired() {
    assertThat(Requirement.required("docker, toxiproxy,python:requests"))
        .containsExactly("docker", "toxiproxy");
    assertThatThrownBy(() -> Requirement.required("toxiproxi"))
        .hasMessageContaining("unknown dependency 'toxiproxi'");
    assertThat(printed(() -> assertThatThrownBy(
            () -> Requirement.TOXIPROXY.missing("T", "no URL", Set.of("docker")))
        .isInstanceOf(TestAbortedException.class).hasMessage("no URL")))
        .isEqualTo("[faremark] T SKIPPED: no URL" + System.lineSeparator());
    assertThatThrownBy(() -> Requirement.TOXIPROXY.missing("T", "no URL", Set.of("toxiproxy")))
        .isInstanceOf(AssertionError.class)
        .hasMessage("[faremark] T FAILED: FAREMARK_REQUIRE names toxiproxy, but no URL");
  }
}
