package faremark.orchestrator.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the probe container is given, without an engine: read-only cgroup mounts, its command. */
class ProbeContainerTest {

  @Test
  void cgroupV1BindsEachHierarchyItReadsOnItsOwnReadOnly() {
    List<Bind> binds = ProbeContainer.mounts(Optional.of("1"));
    assertThat(binds).extracting(Bind::getPath)
        .containsExactly("/sys/fs/cgroup/memory", "/sys/fs/cgroup/cpuacct");
    assertThat(binds).extracting(b -> b.getVolume().getPath())
        .containsExactly("/host/cgroup/memory", "/host/cgroup/cpuacct");
    assertThat(binds).extracting(Bind::getAccessMode).containsOnly(AccessMode.ro);
  }

  @Test
  void cgroupV2OrUnknownBindsTheOneTreeReadOnly() {
    for (Optional<String> version : List.of(Optional.of("2"), Optional.<String>empty())) {
      assertThat(ProbeContainer.mounts(version)).singleElement().satisfies(b -> {
        assertThat(b.getPath()).isEqualTo("/sys/fs/cgroup");
        assertThat(b.getVolume().getPath()).isEqualTo(ProbeContainer.ROOT);
        assertThat(b.getAccessMode()).isEqualTo(AccessMode.ro);
      });
    }
  }

  @Test
  void theCommandIsWhatProbeMainReads() {
    String id = "d7b4330ca34f897345479f07f72e5417429810e57fd5aa92293bb163df951da1";
    assertThat(ProbeContainer.command(id, Duration.ofMillis(10), Duration.ofMinutes(3))).containsExactly(
        id, "--interval-ns", "10000000", "--root", "/host/cgroup", "--max-ms", "180000");
  }
}
