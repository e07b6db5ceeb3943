package faremark.orchestrator.report;

import static org.assertj.core.api.Assertions.assertThat;

import faremark.orchestrator.results.sweep.SweepComparison;
import faremark.orchestrator.results.sweep.SweepComparison.SlopeDiff;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepComparisonTextTest {
  @Test
  void eachLineHasBothSlopesTheDifferenceItsIntervalAndTheVerdict() {
    SweepComparison c = new SweepComparison(5, 4_000, List.of(
        new SlopeDiff("async", "peakBytes", 100 * 1024, 120 * 1024, 5 * 1024, 35 * 1024, true),
        new SlopeDiff("async", "atFullInFlight.anon", 20 * 1024, 21 * 1024, -3 * 1024, 5 * 1024,
            false)));
    List<String> lines = SweepComparisonText.render(c).lines().toList();
    assertThat(lines.get(1)).startsWith("Sweep: bytes per extra request in flight");
    assertThat(lines.get(3)).startsWith("  async  peakBytes").contains("+20.0 KiB")
        .contains("[+5.00 KiB, +35.0 KiB]").endsWith("differ");
    assertThat(lines.get(4)).contains("atFullInFlight.anon").contains("[-3.00 KiB, +5.00 KiB]")
        .endsWith("not distinguishable");
    assertThat(lines).noneMatch(l -> l.endsWith(" "));
    assertThat(SweepComparisonText.render(new SweepComparison(5, 100, List.of()))).isEmpty();
  }
}
