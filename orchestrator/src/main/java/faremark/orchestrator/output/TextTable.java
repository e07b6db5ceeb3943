package faremark.orchestrator.output;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * A plain-text table for the console: each column as wide as its widest cell, two spaces between
 * columns, numbers right-aligned where the caller says, and no trailing spaces on any line.
 */
public final class TextTable {
  private TextTable() {}

  /**
   * @param indent put before every line
   * @param rightAligned which columns (by index) are right-aligned; the others are left-aligned
   * @return one string per row, without a line separator
   */
  public static List<String> lines(List<String[]> rows, String indent, IntPredicate rightAligned) {
    int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
    int[] w = new int[columns];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    List<String> out = new ArrayList<>(rows.size());
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < r.length; i++) {
        String fill = " ".repeat(w[i] - r[i].length());
        line.append(rightAligned.test(i) ? fill + r[i] : r[i] + fill).append("  ");
      }
      out.add(line.toString().stripTrailing());
    }
    return out;
  }
}
