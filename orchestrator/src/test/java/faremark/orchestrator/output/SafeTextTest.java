package faremark.orchestrator.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {
  static final String ESC = "\u001b";

  @Test
  void terminalLinesLoseEscapeSequencesAndControlCharacters() {
    assertThat(SafeText.line("a" + ESC + "[31mred" + ESC + "[0m b")).isEqualTo("ared b");
    assertThat(SafeText.line(ESC + "]0;title\u0007x")).isEqualTo("x");
    assertThat(SafeText.line(ESC + "]8;;http://x" + ESC + "\\link")).isEqualTo("link");
    assertThat(SafeText.line("over\rwrite\ttab\nline\u0000\u007f\u009b2J")).isEqualTo("over write tab line  ");
    assertThat(SafeText.line("plain text, unchanged: sequential 1/1 — 29.5 s")).isEqualTo(
        "plain text, unchanged: sequential 1/1 — 29.5 s");
    assertThat(SafeText.line(null)).isEmpty();
  }

  @Test
  void terminalBlocksKeepTheirLineFeeds() {
    assertThat(SafeText.lines("a\n" + ESC + "[2Jb\r\n")).isEqualTo("a\nb \n");
  }

  @Test
  void csvCellsAreQuotedAndFormulaGuarded() {
    assertThat(SafeText.csvCell("sequential")).isEqualTo("sequential");
    assertThat(SafeText.csvCell("ok=3;crashed=1")).isEqualTo("ok=3;crashed=1");
    assertThat(SafeText.csvCell("a,b")).isEqualTo("\"a,b\"");
    assertThat(SafeText.csvCell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(SafeText.csvCell("two\nlines")).isEqualTo("\"two\nlines\"");
    for (String formula : new String[] {"=1+2", "+1", "-1", "@SUM(A1)", "\tx"}) {
      assertThat(SafeText.csvCell(formula)).as(formula).isEqualTo("'" + formula);
    }
    assertThat(SafeText.csvCell("=HYPERLINK(\"u\",\"t\")")).isEqualTo("\"'=HYPERLINK(\"\"u\"\",\"\"t\"\")\"");
    assertThat(SafeText.csvCell("")).isEmpty();
    assertThat(SafeText.csvCell(null)).isEmpty();
  }
}
