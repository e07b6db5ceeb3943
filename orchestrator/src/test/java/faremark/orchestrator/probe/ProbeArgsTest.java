package faremark.orchestrator.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProbeArgsTest {
  private static final String ID = "d7b4330ca34f897345479f07f72e5417429810e57fd5aa92293bb163df951da1";

  @Test
  void readsWhatTheOrchestratorGives() {
    ProbeArgs a = ProbeArgs.parse(new String[] {ID, "--interval-ns", "10000000", "--root", "/r",
        "--max-ms", "5000"});
    assertThat(a).isEqualTo(new ProbeArgs(ID, Duration.ofMillis(10), Path.of("/r"),
        Duration.ofSeconds(30), Duration.ofSeconds(5)));
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
}
