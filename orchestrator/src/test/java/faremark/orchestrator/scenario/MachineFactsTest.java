package faremark.orchestrator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineFactsTest {
  @TempDir Path proc;

  @Test
  void readsTheOpenFileLimitsThePortRangeAndTheMemory() throws Exception {
    Files.createDirectories(proc.resolve("self"));
    Files.createDirectories(proc.resolve("sys/net/ipv4"));
    Files.writeString(proc.resolve("self/limits"), """
        Limit                     Soft Limit           Hard Limit           Units
        Max processes             95611                95611                processes
        Max open files            1024                 524288               files
        """);
    Files.writeString(proc.resolve("sys/net/ipv4/ip_local_port_range"), "32768\t60999\n");
    Files.writeString(proc.resolve("meminfo"), "MemTotal:       24608084 kB\nMemFree: 1 kB\n");
    MachineFacts m = MachineFacts.read(proc);
    assertThat(m.openFiles()).hasValue(1024);
    assertThat(m.openFilesHard()).hasValue(524288);
    assertThat(m.ephemeralPorts()).contains(List.of(32768, 60999));
    assertThat(m.ephemeralPortCount()).contains(28232);
    assertThat(m.memoryBytes()).hasValue(24608084L * 1024);
  }

  @Test
  void unlimitedIsUnlimitedAndWhatCannotBeReadIsUnknown() throws Exception {
    Files.createDirectories(proc.resolve("self"));
    Files.writeString(proc.resolve("self/limits"), "Max open files            unlimited            unlimited            files\n");
    MachineFacts m = MachineFacts.read(proc);
    assertThat(m.openFiles()).hasValue(Long.MAX_VALUE);
    assertThat(m.ephemeralPorts()).isEmpty();
    assertThat(m.memoryBytes()).isEmpty();
    assertThat(MachineFacts.read(proc.resolve("absent"))).isEqualTo(MachineFacts.UNKNOWN);
  }

  @Test
  void thisMachineIsReadable() {
    // Linux only: every fact of this process comes from /proc
    if (Files.isReadable(Path.of("/proc/self/limits"))) {
      assertThat(MachineFacts.here().openFiles()).isPresent();
    }
  }
}
