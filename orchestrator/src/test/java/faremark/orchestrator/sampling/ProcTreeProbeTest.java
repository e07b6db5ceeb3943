package faremark.orchestrator.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProcTreeProbeTest {
  private static final Duration AT = Duration.ofMillis(5);

  /** "children": via task/<tid>/children of every thread; "ppid": by scanning stat's ppid. */
  @ParameterizedTest
  @ValueSource(strings = {"children", "ppid"})
  void sumsTheTreeFromTheFixture(String variant) {
    ProcTreeProbe probe = new ProcTreeProbe(100, Fixtures.path("proc/" + variant));
    assertThat(probe.tree()).containsExactlyInAnyOrder(100L, 101L, 102L, 103L); // not 200
    MemorySample s = probe.sample(AT);
    assertThat(s.currentBytes()).isEqualTo(1600 * 1024);
    assertThat(s.anonBytes()).isEqualTo(950 * 1024);
    assertThat(s.fileBytes()).isEqualTo(650 * 1024); // RssFile + RssShmem
    MemoryTotals t = probe.totals();
    assertThat(t.peakBytes()).hasValue(1600 * 1024);
    assertThat(t.cpuTime()).contains(Duration.ofMillis(910)); // 91 ticks at USER_HZ 100
    assertThat(t.oomKills()).isZero();
  }

  @Test
  void commandNamesWithSpacesAndParenthesesParse() {
    ProcTreeProbe probe = new ProcTreeProbe(101, Fixtures.path("proc/children"));
    assertThat(probe.stat(101)).hasValueSatisfying(st -> {
      assertThat(st.ppid()).isEqualTo(100);
      assertThat(st.cpuTicks()).isEqualTo(10);
    });
  }

  @Test
  void goneRootIsAProbeException() {
    assertThatThrownBy(() -> new ProcTreeProbe(4242, Fixtures.path("proc/children")).sample(AT))
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("4242");
  }

  @Test
  void realProcForOurselvesAndAChild() throws Exception {
    Process child = new ProcessBuilder("sleep", "30").start();
    try {
      ProcTreeProbe probe = ProcTreeProbe.of(ProcessHandle.current().pid());
      assertThat(probe.tree()).contains(ProcessHandle.current().pid(), child.pid());
      MemorySample s = probe.sample(AT);
      assertThat(s.currentBytes()).isGreaterThan(10L << 20); // a JVM
      assertThat(s.anonBytes()).isPositive();
      assertThat(s.fileBytes()).isPositive();
      assertThat(s.anonBytes() + s.fileBytes()).isEqualTo(s.currentBytes());
      assertThat(probe.totals().cpuTime()).hasValueSatisfying(cpu -> assertThat(cpu).isPositive());
    } finally {
      child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void realProcUnknownPid() {
    assertThatThrownBy(() -> new ProcTreeProbe(Long.MAX_VALUE, Path.of("/proc")).sample(AT))
        .isInstanceOf(ProbeException.class);
  }
}
