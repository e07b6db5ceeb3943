package faremark.orchestrator.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProbeArgsTest {
  private static final String ID = "d7b4330ca34f897345479f07f72e5417429810e57fd5aa92293bb163df951da1";
  private static final String UID = "3f2b8c1e-9a4d-4e6f-8b7a-0c1d2e3f4a5b";

  @Test
  void readsWhatTheOrchestratorGives() {
    ProbeArgs a = ProbeArgs.parse(new String[] {ID, "--interval-ns", "10000000", "--root", "/r",
        "--max-ms", "5000"});
    assertThat(a).isEqualTo(new ProbeArgs(new Target.Container(ID), Duration.ofMillis(10), Path.of("/r"),
        Duration.ofSeconds(30), Duration.ofSeconds(5), Optional.empty()));
  }

  @Test
  void badInputIsNamed() {
    assertThatThrownBy(() -> ProbeArgs.parse(new String[] {})).hasMessageContaining("no container id");
    assertThatThrownBy(() -> ProbeArgs.parse(new String[] {"../etc", "--interval-ns", "1"}))
        .hasMessageContaining("container id: expected 12 to 64 hex digits, got '../etc'");
    assertThatThrownBy(() -> ProbeArgs.parse(new String[] {ID}))
        .hasMessageContaining("--interval-ns is required");
    assertThatThrownBy(() -> ProbeArgs.parse(new String[] {ID, "--interval-ns", "0"}))
        .hasMessageContaining("--interval-ns: expected a positive whole number, got '0'");
    assertThatThrownBy(() -> ProbeArgs.parse(new String[] {ID, "--interval-ns"}))
        .hasMessageContaining("--interval-ns: expected a value");
    assertThatThrownBy(() -> ProbeArgs.parse(new String[] {ID, "--bogus", "1"}))
        .hasMessageContaining("unknown option '--bogus'");
  }

  @Test
  void readsThePodForm() {
    ProbeArgs a = ProbeArgs.parse(new String[] {"--pod-uid", UID, "--interval-ns", "5000000",
        "--root", "/r", "--wait-ms", "120000", "--max-ms", "5000", "--ready-file", "/run/probe/ready"});
    assertThat(a).isEqualTo(new ProbeArgs(new Target.PodMember(UID), Duration.ofMillis(5), Path.of("/r"),
        Duration.ofMinutes(2), Duration.ofSeconds(5), Optional.of(Path.of("/run/probe/ready"))));
    assertThat(a.target().id()).as("what hello names").isEqualTo(UID);
    assertThat(ProbeArgs.parse(new String[] {"--pod-uid", UID, "--interval-ns", "1"}))
        .isEqualTo(new ProbeArgs(new Target.PodMember(UID), Duration.ofNanos(1), ProbeArgs.DEFAULT_ROOT,
            Duration.ofSeconds(30), Duration.ofHours(24), Optional.empty()));
  }

  @Test
  void aPodUidIsLowercaseHexGrouped8_4_4_4_12() {
    for (String bad : new String[] {
        "3F2B8C1E-9A4D-4E6F-8B7A-0C1D2E3F4A5B", // upper case: not as the API server writes it
        "3f2b8c1e9a4d4e6f8b7a0c1d2e3f4a5b", // no dashes
        "3f2b8c1e_9a4d_4e6f_8b7a_0c1d2e3f4a5b", // the systemd slice's spelling
        "3f2b8c1e-9a4d-4e6f-8b7a-0c1d2e3f4a5", // short
        "3f2b8c1e-9a4d-4e6f-8b7a-0c1d2e3f4a5b0", // long
        "3f2b8c1e-9a4d-4e6f-8b7a-0c1d2e3f4a5g",
        "../../kubepods", "", " " + UID}) {
      assertThatThrownBy(() -> ProbeArgs.parse(new String[] {"--pod-uid", bad, "--interval-ns", "1"}))
          .as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("--pod-uid: expected a pod uid, lowercase hex digits grouped 8-4-4-4-12")
          .hasMessageContaining("got '" + bad + "'");
    }
  }

  @Test
  void badPodFormInputIsNamed() {
    assertThatThrownBy(() -> ProbeArgs.parse(new String[] {"--pod-uid"}))
        .hasMessageContaining("--pod-uid: expected a value after it");
    assertThatThrownBy(() -> ProbeArgs.parse(new String[] {"--pod-uid", UID}))
        .hasMessageContaining("--interval-ns is required");
    assertThatThrownBy(() -> ProbeArgs.parse(new String[] {"--pod-uid", UID, "--interval-ns", "1",
        "--ready-file"})).hasMessageContaining("--ready-file: expected a value after it");
    assertThatThrownBy(() -> ProbeArgs.parse(new String[] {"--pod-uid", UID, "--interval-ns", "1",
        "--ready-file", " "})).hasMessageContaining("--ready-file: expected a file path, got ' '");
    assertThatThrownBy(() -> ProbeArgs.parse(new String[] {"--pod-uid", UID, "--interval-ns", "1",
        "--wait-ms", "-5"})).hasMessageContaining("--wait-ms: expected a positive whole number, got '-5'");
    assertThatThrownBy(() -> ProbeArgs.parse(new String[] {"--interval-ns", "1", "--pod-uid", UID}))
        .as("the target comes first").hasMessageContaining("container id: expected 12 to 64 hex digits");
    assertThatThrownBy(() -> ProbeArgs.parse(new String[] {ID, "--interval-ns", "1", "--pod-uid", UID}))
        .hasMessageContaining("--pod-uid: expected once, first, instead of a container id");
    assertThatThrownBy(() -> ProbeArgs.parse(new String[] {"--pod-uid", UID, "--interval-ns", "1",
        "--pod-uid", UID})).hasMessageContaining("--pod-uid: expected once, first, instead of a container id");
    assertThatThrownBy(() -> ProbeArgs.parse(new String[] {ID, "--interval-ns", "1", "--ready-file", "/r"}))
        .hasMessageContaining("--ready-file: expected only with --pod-uid");
  }
}
