package faremark.orchestrator;

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
    // A typo in CI's FAREMARK_REQUIRE would otherwise switch the strict check off unnoticed.
    String value = System.getenv(Requirement.VARIABLE);
    assertThat(Requirement.required(value)).as(Requirement.VARIABLE + "=" + value).isNotNull();
  }

  @Test
  void readsACommaSeparatedListOfNames() {
    assertThat(Requirement.required(null)).isEmpty();
    assertThat(Requirement.required(" ")).isEmpty();
    assertThat(Requirement.required("docker, CGROUP,,python,chromium"))
        .containsExactlyInAnyOrder(Requirement.DOCKER, Requirement.CGROUP, Requirement.PYTHON,
            Requirement.CHROMIUM);
    assertThat(Requirement.required("python:requests")).isEmpty();
    assertThatThrownBy(() -> Requirement.required("docker,dokcer"))
        .hasMessageContaining("unknown dependency 'dokcer'").hasMessageContaining("docker, compose");
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
  void aMissingDependencySkipsSayingWhyUnlessItIsRequired() {
    assertThat(printed(() -> assertThatThrownBy(
            () -> Requirement.CGROUP.missing("SomeTest", "no cgroup here", Set.of()))
        .isInstanceOf(TestAbortedException.class).hasMessage("no cgroup here")))
        .isEqualTo("[faremark] SomeTest SKIPPED: no cgroup here" + System.lineSeparator());
    assertThatThrownBy(() -> Requirement.CGROUP.missing("SomeTest", "no cgroup here",
            Requirement.required("docker,cgroup")))
        .isInstanceOf(AssertionError.class)
        .hasMessage("[faremark] SomeTest FAILED: FAREMARK_REQUIRE names cgroup, but no cgroup here");
    assertThat(printed(() -> assertThatThrownBy(() -> Requirement.DOCKER.missing("SomeTest",
            "no engine", Requirement.required("cgroup")))
        .isInstanceOf(TestAbortedException.class))).contains("SKIPPED: no engine");
    assertThat(printed(() -> assertThatThrownBy(() -> Requirement.notApplicable("SomeTest", "n/a"))
        .isInstanceOf(TestAbortedException.class))).contains("[faremark] SomeTest SKIPPED: n/a");
  }
}
