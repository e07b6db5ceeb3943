package faremark.orchestrator.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {
  @Test
  void columnsAreAsWideAsTheirWidestCellNumbersRightAndNoLineEndsInASpace() {
    List<String[]> rows = List.of(new String[] {"model", "peak", "note"},
        new String[] {"async", "12.5 MiB", "ok"}, new String[] {"thread-pool", "3 MiB", ""});
    assertThat(TextTable.lines(rows, "  ", i -> i == 1)).containsExactly(
        "  model            peak  note",
        "  async        12.5 MiB  ok",
        "  thread-pool     3 MiB");
  }
}
