package faremark.orchestrator.backend.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --image-registry} as users write it, and the names faremark's images get there. */
class RegistryRefTest {
  private static final String LOCAL = "faremark/workload-java:ab12cd34ef56";
  private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

  @ParameterizedTest
  @CsvSource({
      "localhost:5001, localhost:5001, ''",
      "localhost, localhost, ''",
      "registry.example.com/team/faremark, registry.example.com, team/faremark",
      "10.0.0.2:5000/x, 10.0.0.2:5000, x",
      "docker.io/team, docker.io, team",
      "my-registry.internal:443/a.b/c_d/e__f/g--h, my-registry.internal:443, a.b/c_d/e__f/g--h",
      "'  localhost:5001  ', localhost:5001, ''"})
  void acceptsHostPortAndPath(String written, String host, String path) {
    RegistryRef ref = RegistryRef.parse(written);
    assertThat(ref.host()).isEqualTo(host);
    assertThat(ref.path()).isEqualTo(path);
    assertThat(ref).hasToString(written.strip());
  }

  @Test
  void namesEachImageOneLevelBelowThePrefixWithItsOwnTag() {
    RegistryRef ref = RegistryRef.parse("registry.example.com/team");
    assertThat(ref.repository(LOCAL)).isEqualTo("registry.example.com/team/faremark-workload-java");
    assertThat(ref.tagged(LOCAL)).isEqualTo("registry.example.com/team/faremark-workload-java:ab12cd34ef56");
    assertThat(ref.pinned(LOCAL, DIGEST))
        .isEqualTo("registry.example.com/team/faremark-workload-java@" + DIGEST);
    assertThat(RegistryRef.parse("localhost:5001").tagged("faremark/fare-server:3f2a"))
        .isEqualTo("localhost:5001/faremark-fare-server:3f2a");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''                                  | it is empty",
      "http://localhost:5001               | no scheme: write localhost:5001 ",
      "https://registry.example.com/team/  | no scheme: write registry.example.com/team ",
      "localhost:5001/x:latest             | no tag",
      "localhost:5001/x@sha256:abc         | no digest",
      "localhost:5001/                     | no trailing slash",
      "localhost:5001//x                   | empty path component",
      "localhost:5001/Team                 | path components must be lowercase",
      "localhost:5001/-x                   | '-x' is not a valid path component",
      "localhost:5001/a..b                 | 'a..b' is not a valid path component",
      "registry.example.com:latest         | 'latest' after the host is not a port (1 to 65535); a tag is not written here",
      "localhost:0                         | '0' after the host is not a port (1 to 65535); expected",
      "localhost:65536                     | '65536' after the host is not a port",
      "localhost:                          | '' after the host is not a port",
      "reg_istry.example.com               | is not a host name",
      "-bad.example.com                    | is not a host name",
      "team/faremark                       | 'team' is not a registry host: Docker would read it as a Docker Hub namespace; write the host, e.g. docker.io/team",
      "[::1]:5000                          | is not a host name"})
  void refusesWhatDockerWouldNotTakeOrWouldTakeOtherwise(String written, String why) {
    assertThatThrownBy(() -> RegistryRef.parse(written))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--image-registry '" + written.strip() + "': ")
        .hasMessageContaining(why)
        .hasMessageEndingWith("expected host[:port][/path], e.g. localhost:5001 or"
            + " registry.example.com/team/faremark");
  }

  @Test
  void aNullOptionIsRefusedLikeAnEmptyOne() {
    assertThatThrownBy(() -> RegistryRef.parse(null)).hasMessageContaining("it is empty");
  }

  @Test
  void theRecordItselfIsCheckedTooSoNoUncheckedPrefixExists() {
    assertThatThrownBy(() -> new RegistryRef("localhost:5001", "Team"))
        .hasMessageContaining("must be lowercase");
    assertThatThrownBy(() -> new RegistryRef("team", ""))
        .hasMessageContaining("not a registry host");
  }

  @Test
  void aPrefixThatLeavesNoRoomForAnImageNameIsRefused() {
    String longPath = "a".repeat(RegistryRef.NAME_MAX - "localhost:5001/".length());
    assertThatThrownBy(() -> RegistryRef.parse("localhost:5001/" + longPath))
        .hasMessageContaining("too long");
    // room for a short name, not for a long one: refused when that one is named
    String path = "a".repeat(RegistryRef.NAME_MAX - "localhost:5001/".length() - "/faremark-ab".length());
    RegistryRef ref = RegistryRef.parse("localhost:5001/" + path);
    assertThat(ref.repository("faremark/ab:1")).hasSize(RegistryRef.NAME_MAX);
    assertThatThrownBy(() -> ref.repository("faremark/abc:1"))
        .hasMessageContaining("longer than the 255 characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"eclipse-temurin:21-jre", "faremark/workload-java", "faremark/Work:1",
      "faremark/a/b:1", "other/workload-java:1", "faremark/workload-java:", "faremark/x:-bad"})
  void namesOnlyFaremarksOwnLocalImages(String local) {
    RegistryRef ref = RegistryRef.parse("localhost:5001");
    assertThatThrownBy(() -> ref.tagged(local))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not one of faremark's local images");
  }

  @Test
  void aPinIsASha256Digest() {
    RegistryRef ref = RegistryRef.parse("localhost:5001");
    assertThatThrownBy(() -> ref.pinned(LOCAL, "sha256:abc")).hasMessageContaining("not a sha256");
    assertThatThrownBy(() -> ref.pinned(LOCAL, "ab12cd34ef56")).hasMessageContaining("not a sha256");
  }
}
