package faremark.orchestrator.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleTableTest {

  @Test
  void matchesTheGoldenFile() {
    Golden.assertMatches("console-table.txt", ConsoleTable.render(SummaryFixture.summary()));
  }

  @Test
  void showsDashesForAModelWithoutOkRunsAndItsOutcomesInsteadOfYes() {
    List<String> lines = ConsoleTable.render(SummaryFixture.summary()).lines().toList();
    String crashed = lines.stream().filter(l -> l.startsWith("py-asyncio")).findFirst().orElseThrow();
    String sequential = lines.stream().filter(l -> l.startsWith("sequential")).findFirst().orElseThrow();

    assertThat(crashed).contains("0/1").contains("{crashed=1}").doesNotContain("yes");
    assertThat(crashed.split("\\s{2,}")).contains("-");
    assertThat(sequential).contains("3/3").contains("yes").contains("29.00 s").contains("x1.45");
  }

  @Test
  void namesTheMemorySourceInItsFootnote() {
    String table = ConsoleTable.render(SummaryFixture.summary());

    assertThat(table.lines().toList())
        .contains("medians over ok runs; peak = cgroup-v2 (see summary.json definitions)");
  }

  @Test
  void namesTheRequestsTheHttpClientReSentOnItsOwnOnlyWhereThereWereAny() {
    String table = ConsoleTable.render(SummaryFixture.summary());

    // thread-pool: 7 in its failed run, 2 in its ok run; sequential none, py-asyncio unknown
    assertThat(table.lines().toList().getLast())
        .isEqualTo("requests the HTTP client re-sent on its own (not counted as failed): thread-pool 9");
  }

  @Test
  void writesShortPhasesInMillisecondsAndNegativeBytesWithASign() {
    Stat phase = new Stat(1, 850.4, 850.4, 850.4);
    Stat negative = new Stat(1, -2048, -2048, -2048);
    ModelSummary m =
        new ModelSummary("async", 1, 1, Map.of("ok", 1), true, phase, null, null, null, negative,
            null, null, null, null, null, null, null, null, null);
    Summary summary =
        new Summary("s", SummaryFixture.STARTED, SummaryFixture.ENDED, "local", "proc-rss", false,
            1, 1, List.of(m), Summary.DEFINITIONS);

    String row = ConsoleTable.render(summary).lines().filter(l -> l.startsWith("async")).findFirst().orElseThrow();

    assertThat(row).contains("850 ms").contains("-2.0 KiB");
  }
}
